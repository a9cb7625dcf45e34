package io.rocklet.mq.api;

/** What a listener says about the message (or batch) it was given. */
public enum ConsumeResult {
    /** Consumed; its offset may be committed. */
    SUCCESS,
    /** Not consumed; deliver it again later. */
    RECONSUME_LATER
}
