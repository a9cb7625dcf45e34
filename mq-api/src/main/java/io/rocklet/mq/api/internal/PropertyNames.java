package io.rocklet.mq.api.internal;

import java.util.Set;

/**
 * RocketMQ's message property names that Rocklet reads or writes, and the set a user may not set.
 * The reserved set is RocketMQ 5's {@code MessageConst.STRING_HASH_SET}, plus the keys a broker
 * sets, plus the prefix {@link #TRANSIENT_PREFIX}.
 */
public final class PropertyNames {
    public static final String KEYS = "KEYS";
    public static final String TAGS = "TAGS";
    public static final String WAIT = "WAIT";
    public static final String DELAY = "DELAY";
    public static final String UNIQ_KEY = "UNIQ_KEY";
    public static final String RETRY_TOPIC = "RETRY_TOPIC";
    public static final String REAL_TOPIC = "REAL_TOPIC";
    public static final String REAL_QID = "REAL_QID";
    public static final String MIN_OFFSET = "MIN_OFFSET";
    public static final String MAX_OFFSET = "MAX_OFFSET";
    public static final String CLUSTER = "CLUSTER";
    public static final String ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";
    public static final String RECONSUME_TIME = "RECONSUME_TIME";
    public static final String MAX_RECONSUME_TIMES = "MAX_RECONSUME_TIMES";
    public static final String TIMER_DELIVER_MS = "TIMER_DELIVER_MS";
    public static final String DLQ_ORIGIN_TOPIC = "DLQ_ORIGIN_TOPIC";
    public static final String DLQ_ORIGIN_MESSAGE_ID = "DLQ_ORIGIN_MESSAGE_ID";
    public static final String TRANSIENT_PREFIX = "__RMQ.TRANSIENT.";

    /** Separator between keys in the {@code KEYS} property. */
    public static final char KEY_SEPARATOR = ' ';

    private static final Set<String> RESERVED = Set.of(
            "TRACE_ON", "MSG_REGION", KEYS, TAGS, WAIT, DELAY, RETRY_TOPIC, REAL_TOPIC, REAL_QID,
            "TRAN_MSG", "PGROUP", MIN_OFFSET, MAX_OFFSET, "BUYER_ID", ORIGIN_MESSAGE_ID,
            "TRANSFER_FLAG", "CORRECTION_FLAG", "MQ2_FLAG", "RECONSUME_TIME", UNIQ_KEY,
            "MAX_RECONSUME_TIMES", "CONSUME_START_TIME", "POP_CK", "POP_CK_OFFSET", "1ST_POP_TIME",
            "TRAN_PREPARED_QUEUE_OFFSET", "DUP_INFO", "EXTEND_UNIQ_INFO", "INSTANCE_ID",
            "CORRELATION_ID", "REPLY_TO_CLIENT", "TTL", "ARRIVE_TIME", "PUSH_REPLY_TIME", CLUSTER,
            "MSG_TYPE", "INNER_MULTI_QUEUE_OFFSET", "TIMER_DELAY_MS", "TIMER_DELAY_SEC",
            "TIMER_DELIVER_MS", "TIMER_ENQUEUE_MS", "TIMER_DEQUEUE_MS", "TIMER_ROLL_TIMES",
            "TIMER_OUT_MS", "TIMER_DEL_UNIQKEY", "TIMER_DEL_MS", "TIMER_DELAY_LEVEL", "__BORNHOST",
            "BORN_TIMESTAMP", "DLQ_ORIGIN_TOPIC", "DLQ_ORIGIN_MESSAGE_ID", "__CRC32#",
            // set by brokers
            "TRANSACTION_CHECK_TIMES", "INNER_NUM", "INNER_BASE", "INNER_MULTI_DISPATCH");

    private PropertyNames() {
    }

    public static boolean isReserved(String name) {
        return RESERVED.contains(name) || name.startsWith(TRANSIENT_PREFIX);
    }
}
