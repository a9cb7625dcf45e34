package io.rocklet.mq.api;

/**
 * What push consumers' listener calls did since they started: messages consumed, failed (sent to
 * retry or retried locally), timed out, dropped (broadcasting, after its local retries); the
 * consume rate over the last ten seconds; listener time per call, approximate percentiles
 * (within 13 %).
 */
public record ConsumerMetrics(long consumed, long failed, long timedOut, long dropped, double consumeTps,
                              long consumeTimeP50Micros, long consumeTimeP99Micros) {
    public static final ConsumerMetrics NONE = new ConsumerMetrics(0, 0, 0, 0, 0, 0, 0);

    /** The sum of two members' counts; percentiles are the larger of the two (a bound, not a merge). */
    public ConsumerMetrics plus(ConsumerMetrics other) {
        return new ConsumerMetrics(consumed + other.consumed, failed + other.failed, timedOut + other.timedOut,
                dropped + other.dropped, consumeTps + other.consumeTps,
                Math.max(consumeTimeP50Micros, other.consumeTimeP50Micros),
                Math.max(consumeTimeP99Micros, other.consumeTimeP99Micros));
    }
}
