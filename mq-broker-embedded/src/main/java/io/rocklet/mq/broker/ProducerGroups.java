package io.rocklet.mq.broker;

import io.rocklet.mq.client.protocol.ClientCallbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Live producers of each producer group, by heartbeat: whom to ask about a half message. */
final class ProducerGroups {
    private record Producer(ClientCallbacks callbacks, long lastSeenNanos) {
    }

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Producer>> groups = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    void heartbeat(String clientId, List<String> producerGroups, ClientCallbacks callbacks, long nowNanos) {
        for (String group : producerGroups) {
            groups.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).put(clientId, new Producer(callbacks, nowNanos));
        }
    }

    void unregister(String clientId, String group) {
        Map<String, Producer> producers = groups.get(group);
        if (producers != null) {
            producers.remove(clientId);
        }
    }

    void expire(long nowNanos, long expiryNanos) {
        groups.values().forEach(producers -> producers.values().removeIf(p -> nowNanos - p.lastSeenNanos() > expiryNanos));
    }

    /** One live producer of the group, taking turns; null when none is alive. */
    ClientCallbacks pick(String group) {
        Map<String, Producer> producers = groups.get(group);
        List<Producer> live = producers == null ? List.of() : new ArrayList<>(producers.values());
        return live.isEmpty() ? null : live.get(Math.floorMod(next.getAndIncrement(), live.size())).callbacks();
    }
}
