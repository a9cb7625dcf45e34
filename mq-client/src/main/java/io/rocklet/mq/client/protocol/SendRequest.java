package io.rocklet.mq.client.protocol;

import java.nio.ByteBuffer;

/**
 * A send: a view over one or more encoded {@code MessageRecord}s for one queue (the records'
 * position..limit), plus the header fields that are not in the record. In-process one holder per
 * thread is reused, so its fields are plain and set before every call.
 */
public final class SendRequest {
    public String producerGroup;
    public String topic;
    /** Topic whose config a missing topic is created from (RocketMQ's TBW102). */
    public String defaultTopic = "TBW102";
    public int queueId;
    public boolean batch;
    /** Encoded records, back to back. */
    public ByteBuffer records;
    /** Records in {@link #records}. */
    public int count;
    /** Queues of a topic this send creates (a remoting producer's default, 4); 0 = the broker's default. */
    public int defaultTopicQueues;
    /** A transactional half message: stored invisibly until its producer group commits it. */
    public boolean transactionPrepared;
    /** A delayed message's delivery time (epoch ms), 0 for none; the record carries it too. */
    public long deliverAtMs;
    /** A delayed message's RocketMQ delay level (1..18), 0 for none. */
    public int delayLevel;
    /** Tag hash of each record, index-aligned. */
    public long[] tagHashes = new long[1];

    public void tagHashes(int count) {
        if (tagHashes.length < count) {
            tagHashes = new long[Math.max(count, tagHashes.length * 2)];
        }
        this.count = count;
    }
}
