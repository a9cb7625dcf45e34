package io.rocklet.mq.broker;

import io.rocklet.mq.api.MessageQueue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which client of a consumer group consumes a queue in order: a lock per (group, queue) with a
 * time to live, renewed by its owner. A lock is granted when free, already the caller's, or
 * expired (its owner stopped renewing).
 */
final class QueueLocks {
    private record Key(String group, String topic, int queueId) {
    }

    private record Lock(String clientId, long expiresNanos) {
    }

    private final Map<Key, Lock> locks = new HashMap<>();
    private final long ttlNanos;

    QueueLocks(long ttlNanos) {
        this.ttlNanos = ttlNanos;
    }

    synchronized Set<MessageQueue> lock(String group, String clientId, Set<MessageQueue> queues, long nowNanos) {
        Set<MessageQueue> locked = new HashSet<>();
        for (MessageQueue queue : queues) {
            Key key = new Key(group, queue.topic(), queue.queueId());
            Lock lock = locks.get(key);
            if (lock == null || lock.clientId().equals(clientId) || nowNanos - lock.expiresNanos() > 0) {
                locks.put(key, new Lock(clientId, nowNanos + ttlNanos));
                locked.add(queue);
            }
        }
        return locked;
    }

    /** Releases the client's locks among {@code queues}; true if any was released. */
    synchronized boolean unlock(String group, String clientId, Set<MessageQueue> queues) {
        boolean released = false;
        for (MessageQueue queue : queues) {
            Key key = new Key(group, queue.topic(), queue.queueId());
            Lock lock = locks.get(key);
            if (lock != null && lock.clientId().equals(clientId)) {
                locks.remove(key);
                released = true;
            }
        }
        return released;
    }

    /** Releases every lock the client holds in the group (it left cleanly). */
    synchronized boolean unlockAll(String group, String clientId) {
        return locks.entrySet().removeIf(e -> e.getKey().group().equals(group) && e.getValue().clientId().equals(clientId));
    }
}
