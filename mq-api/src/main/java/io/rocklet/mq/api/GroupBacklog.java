package io.rocklet.mq.api;

import java.util.List;

/**
 * One consumer group on one broker: its backlog per queue (retry queue included), the total lag,
 * the oldest unconsumed message's age, its dead letters, its live members, and what they report
 * about their listener calls (summed).
 */
public record GroupBacklog(String group, List<QueueBacklog> queues, long lag, long oldestUnconsumedAgeMs,
                           long deadLetters, int liveMembers, ConsumerMetrics consumers) {
}
