package io.rocklet.mq.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/** Committed offsets per (group, topic, queue id); queues of one topic are an array, not keys. */
final class ConsumerOffsets {
    private static final int INITIAL_QUEUES = 8;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicLongArray>> byGroup = new ConcurrentHashMap<>();

    /** The committed offset, or -1. */
    long get(String group, String topic, int queueId) {
        Map<String, AtomicLongArray> topics = byGroup.get(group);
        AtomicLongArray offsets = topics == null ? null : topics.get(topic);
        return offsets == null || queueId >= offsets.length() ? -1 : offsets.get(queueId);
    }

    void commit(String group, String topic, int queueId, long offset) {
        ConcurrentHashMap<String, AtomicLongArray> topics = byGroup.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
        AtomicLongArray offsets = topics.get(topic);
        if (offsets == null || queueId >= offsets.length()) {
            offsets = topics.compute(topic, (t, old) -> grow(old, queueId + 1));
        }
        offsets.set(queueId, offset);
    }

    /** Groups with any committed offset on the topic. */
    Map<String, AtomicLongArray> groupsOf(String topic) {
        Map<String, AtomicLongArray> result = new java.util.TreeMap<>();
        byGroup.forEach((group, topics) -> {
            AtomicLongArray offsets = topics.get(topic);
            if (offsets != null) {
                result.put(group, offsets);
            }
        });
        return result;
    }

    private static AtomicLongArray grow(AtomicLongArray old, int needed) {
        if (old != null && old.length() >= needed) {
            return old;
        }
        AtomicLongArray grown = new AtomicLongArray(Math.max(needed, INITIAL_QUEUES));
        for (int i = 0; i < grown.length(); i++) {
            grown.set(i, old != null && i < old.length() ? old.get(i) : -1);
        }
        return grown;
    }
}
