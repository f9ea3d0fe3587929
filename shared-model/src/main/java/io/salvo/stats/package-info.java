/**
 * Request statistics: latency histograms and counts that merge exactly ({@code Histogram.add},
 * never an average of percentiles), their summaries, threshold verdicts and the terminal table.
 */
package io.salvo.stats;
