package io.rocklet.mq.client.protocol;

/** RocketMQ's pull outcomes. */
public enum PullStatus {
    FOUND,
    NO_NEW_MSG,
    /** Messages existed but none matched the filter; {@code nextBeginOffset} moved past them. */
    NO_MATCHED_MSG,
    /** The requested offset is outside [min, max]; start again from {@code nextBeginOffset}. */
    OFFSET_MOVED
}
