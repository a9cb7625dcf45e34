package io.rocklet.mq.api;

/**
 * How far one consumer group is behind on one queue: the broker's max offset, the group's
 * committed offset (-1 when it has none), the lag (messages not consumed) and the age of the
 * oldest unconsumed message in milliseconds (0 when there is none).
 */
public record QueueBacklog(MessageQueue queue, long maxOffset, long committedOffset, long lag, long oldestUnconsumedAgeMs) {
}
