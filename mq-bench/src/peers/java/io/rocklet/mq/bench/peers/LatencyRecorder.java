package io.rocklet.mq.bench.peers;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latency run's consumer: each body starts with the {@code System.nanoTime()} of its send;
 * records consume time - send time for bodies sent after the warm-up, counts all. Runs on the
 * peer's consumer threads.
 */
final class LatencyRecorder implements PeerBroker.BodySink {
    private final Histogram histogram = new ConcurrentHistogram(3);
    private final AtomicLong received = new AtomicLong();
    private volatile long measureFromNanos = Long.MAX_VALUE;

    /** Bodies stamped from {@code nanos} on are measured. */
    void measureFrom(long nanos) {
        measureFromNanos = nanos;
    }

    @Override
    public void onBody(byte[] body) {
        long now = System.nanoTime();
        long sent = ByteBuffer.wrap(body).getLong();
        if (sent >= measureFromNanos) {
            histogram.recordValue(now - sent);
        }
        received.incrementAndGet();
    }

    long received() {
        return received.get();
    }

    long measured() {
        return histogram.getTotalCount();
    }

    /** Adds p50, p99, p99.9 and max in µs, as Rocklet's load tool names them. */
    PeerJson putPercentiles(PeerJson line) {
        return line.put("p50_us", histogram.getValueAtPercentile(50) / 1e3)
                .put("p99_us", histogram.getValueAtPercentile(99) / 1e3)
                .put("p999_us", histogram.getValueAtPercentile(99.9) / 1e3)
                .put("max_us", histogram.getMaxValue() / 1e3);
    }
}
