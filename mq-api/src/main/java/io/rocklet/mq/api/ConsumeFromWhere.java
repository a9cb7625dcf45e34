package io.rocklet.mq.api;

/**
 * Where a group starts on a queue it has no committed offset for. The broker answers 0 for such a
 * queue while the queue has never been trimmed (RocketMQ's young-queue rule), and that answer wins;
 * this setting decides only after a queue was trimmed. Broadcasting never asks the broker: there,
 * {@link #LAST} means the queue's max offset.
 */
public enum ConsumeFromWhere {
    /** The queue's min offset. */
    FIRST,
    /** The queue's max offset (only new messages). The default. */
    LAST,
    /** The first message stored at or after the consumer's timestamp. */
    TIMESTAMP
}
