package io.rocklet.mq.api;

import io.rocklet.mq.api.internal.Hex;

/**
 * What a successful send tells: the message id (RocketMQ's {@code UNIQ_KEY}, 32 hex chars), the
 * queue and offset it landed at, and the offset message id (store host + physical offset). The id
 * strings are made when first asked for. Immutable.
 */
public final class SendResult {
    private final long idHigh;
    private final long idLow;
    private final MessageQueue queue;
    private final long queueOffset;
    private final long storeHost;
    private final long physicalOffset;
    private final FlushPolicy flushPolicy;

    public SendResult(long idHigh, long idLow, MessageQueue queue, long queueOffset, long storeHost, long physicalOffset) {
        this(idHigh, idLow, queue, queueOffset, storeHost, physicalOffset, FlushPolicy.NONE);
    }

    public SendResult(long idHigh, long idLow, MessageQueue queue, long queueOffset, long storeHost, long physicalOffset,
                      FlushPolicy flushPolicy) {
        this.flushPolicy = flushPolicy;
        this.idHigh = idHigh;
        this.idLow = idLow;
        this.queue = queue;
        this.queueOffset = queueOffset;
        this.storeHost = storeHost;
        this.physicalOffset = physicalOffset;
    }

    /** How durable the message was when the send returned. */
    public FlushPolicy flushPolicy() {
        return flushPolicy;
    }

    /** The message id consumers see as {@link MessageView#messageId()}. */
    public String messageId() {
        return Hex.of(idHigh, idLow);
    }

    public MessageQueue queue() {
        return queue;
    }

    public long queueOffset() {
        return queueOffset;
    }

    /** Store host + physical offset, as RocketMQ's {@code offsetMsgId}. */
    public String offsetMessageId() {
        return Hex.of(storeHost, physicalOffset);
    }

    @Override
    public String toString() {
        return "SendResult{id=" + messageId() + ", queue=" + queue + ", offset=" + queueOffset + "}";
    }
}
