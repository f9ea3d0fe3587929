/**
 * Reads plans from YAML or JSON into the plan model, reporting every broken rule with the file,
 * line, column and field path, for example {@code orders.yaml:12:7: scenarios[0].load[0].rate must
 * be > 0, was -5}.
 */
package io.salvo.plan.parse;
