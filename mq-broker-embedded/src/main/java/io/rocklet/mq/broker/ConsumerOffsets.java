package io.rocklet.mq.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Committed offsets per (group, topic, queue id); queues of one topic are an array, not keys. Each
 * (group, topic) also remembers when it last committed: a committing client counts as seen by the
 * release rule even if it never heartbeats (a pull consumer using assign).
 */
final class ConsumerOffsets {
    private static final int INITIAL_QUEUES = 8;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, TopicOffsets>> byGroup = new ConcurrentHashMap<>();

    /** One group's offsets on one topic. */
    static final class TopicOffsets {
        final AtomicLongArray offsets;
        volatile long lastCommitNanos;

        private TopicOffsets(AtomicLongArray offsets, long lastCommitNanos) {
            this.offsets = offsets;
            this.lastCommitNanos = lastCommitNanos;
        }

        /** The committed offset, or -1. */
        long get(int queueId) {
            return queueId < offsets.length() ? offsets.get(queueId) : -1;
        }
    }

    /** The committed offset, or -1. */
    long get(String group, String topic, int queueId) {
        Map<String, TopicOffsets> topics = byGroup.get(group);
        TopicOffsets offsets = topics == null ? null : topics.get(topic);
        return offsets == null ? -1 : offsets.get(queueId);
    }

    void commit(String group, String topic, int queueId, long offset) {
        TopicOffsets offsets = offsets(group, topic, queueId);
        offsets.offsets.set(queueId, offset);
        offsets.lastCommitNanos = System.nanoTime();
    }

    /**
     * A commit carried by a pull: it only moves the offset forward (as Apache RocketMQ 5 does), since
     * a pull prepared before a later explicit commit may arrive after it.
     */
    void commitForward(String group, String topic, int queueId, long offset) {
        TopicOffsets offsets = offsets(group, topic, queueId);
        offsets.offsets.accumulateAndGet(queueId, offset, Math::max);
        offsets.lastCommitNanos = System.nanoTime();
    }

    private TopicOffsets offsets(String group, String topic, int queueId) {
        ConcurrentHashMap<String, TopicOffsets> topics = byGroup.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
        TopicOffsets offsets = topics.get(topic);
        if (offsets == null || queueId >= offsets.offsets.length()) {
            offsets = topics.compute(topic, (t, old) -> grow(old, queueId + 1));
        }
        return offsets;
    }

    /** Every group with a committed offset. */
    java.util.Set<String> groups() {
        return new java.util.TreeSet<>(byGroup.keySet());
    }

    /** Topics on which the group committed an offset. */
    java.util.Set<String> topicsOf(String group) {
        Map<String, TopicOffsets> topics = byGroup.get(group);
        return topics == null ? java.util.Set.of() : new java.util.TreeSet<>(topics.keySet());
    }

    /** Groups with any committed offset on the topic, by name. */
    Map<String, TopicOffsets> groupsOf(String topic) {
        Map<String, TopicOffsets> result = new java.util.TreeMap<>();
        byGroup.forEach((group, topics) -> {
            TopicOffsets offsets = topics.get(topic);
            if (offsets != null) {
                result.put(group, offsets);
            }
        });
        return result;
    }

    private static TopicOffsets grow(TopicOffsets old, int needed) {
        if (old != null && old.offsets.length() >= needed) {
            return old;
        }
        AtomicLongArray grown = new AtomicLongArray(Math.max(needed, INITIAL_QUEUES));
        for (int i = 0; i < grown.length(); i++) {
            grown.set(i, old != null ? old.get(i) : -1);
        }
        return new TopicOffsets(grown, old == null ? System.nanoTime() : old.lastCommitNanos);
    }
}
