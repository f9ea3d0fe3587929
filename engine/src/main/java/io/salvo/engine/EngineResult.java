package io.salvo.engine;

import io.salvo.stats.OriginInfo;
import io.salvo.stats.ScenarioStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A node's whole result: per-scenario totals over the measured window (warm-up excluded).
 *
 * @param startedAt the agreed start instant
 * @param startLagMillis how late the latest event loop actually began after {@code startedAt}
 * @param stopped whether the run was stopped before its planned end
 * @param serviceTimesMicros per scenario, per request step: service times when they were recorded
 * @param origins how each origin was spoken to (HTTP and TLS versions), as the preflight found
 */
public record EngineResult(
    Instant startedAt,
    Instant endedAt,
    double startLagMillis,
    boolean stopped,
    Map<String, ScenarioStats> scenarios,
    Map<String, List<Histogram>> serviceTimesMicros,
    List<OriginInfo> origins) {}
