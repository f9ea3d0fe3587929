/** Benchmarks that need more than a unit test: run by the scripts in {@code bench/}. */
package io.salvo.bench;
