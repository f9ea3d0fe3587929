/**
 * The report of a run: {@code report.json} (its schema is {@code docs/report-schema.md}), the
 * terminal table, the self-contained {@code report.html}, and the HdrHistogram interval log.
 */
package io.salvo.report;
