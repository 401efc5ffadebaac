package org.planningengine.benchmarks;

/**
 * One line of the report: what ran, how much of it, and how fast, next to the raw driver doing the equivalent storage
 * work on the same server in the same run.
 *
 * @param workload  W1…W4, or a check such as the burst
 * @param variant   the path measured: {@code http}, {@code gateway}, {@code extension}, {@code current}, {@code as-of}…
 * @param clients   concurrent clients (1 where the workload has none)
 * @param events    events in the log when it ran (the scale)
 * @param count     operations measured
 * @param perSecond operations (or events) per second; NaN where the workload reports latency only
 * @param p50Millis median latency of one operation; NaN where not measured
 * @param p99Millis 99th percentile latency; NaN where not measured
 * @param raw       the raw driver's rate for the same work; NaN where there is no raw equivalent
 * @param commands  MongoDB commands the engine sent per operation (per event for replays); NaN where not counted
 * @param note      what the figure means, in words
 */
record Figure(String workload, String variant, int clients, long events, long count, double perSecond,
              double p50Millis, double p99Millis, double raw, double commands, String note) {

    /** This figure's rate as a share of the raw driver's. */
    double ratio() {
        return perSecond / raw;
    }
}
