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
    /** Tag hash of each record, index-aligned. */
    public long[] tagHashes = new long[1];

    public void tagHashes(int count) {
        if (tagHashes.length < count) {
            tagHashes = new long[Math.max(count, tagHashes.length * 2)];
        }
        this.count = count;
    }
}
