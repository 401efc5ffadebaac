package org.planningengine.benchmarks;

import java.util.Arrays;

/** Latencies of one run, in nanoseconds, added from any thread; percentiles by nearest rank. */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    /** Times one call and keeps its latency. */
    void time(Runnable call) {
        long start = System.nanoTime();
        call.run();
        add(System.nanoTime() - start);
    }

    synchronized int count() {
        return count;
    }

    double p50Millis() {
        return percentileMillis(50);
    }

    double p99Millis() {
        return percentileMillis(99);
    }

    synchronized double percentileMillis(int percent) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }
}
