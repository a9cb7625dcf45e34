package io.rocklet.mq.api;

/** What a listener says about the message (or batch) it was given. */
public enum ConsumeResult {
    /** Consumed; its offset may be committed. */
    SUCCESS,
    /** Not consumed; deliver it again later. */
    RECONSUME_LATER,
    /**
     * Orderly consumption: not consumed; pause this queue for the consumer's {@code suspendTime},
     * then give the same message(s) again (the queue's later messages wait). A concurrent
     * consumer treats it as {@link #RECONSUME_LATER}.
     */
    SUSPEND_QUEUE
}
