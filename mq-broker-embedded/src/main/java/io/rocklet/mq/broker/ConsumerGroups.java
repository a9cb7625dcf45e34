package io.rocklet.mq.broker;

import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.client.protocol.ClientCallbacks;
import io.rocklet.mq.client.protocol.Heartbeat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live members of each consumer group, by heartbeat. When a group's membership changes, every
 * member is told at once through its callbacks, so queues move in milliseconds. Also remembers,
 * after its members are gone, when each group was last seen and what it subscribed to: the release
 * rule lets such a group hold its messages for a while.
 */
final class ConsumerGroups {
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Member>> groups = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Seen> seen = new ConcurrentHashMap<>();

    record Member(String clientId, Heartbeat.ConsumerData data, ClientCallbacks callbacks, long lastSeenNanos) {
    }

    /** The last heartbeat of any member of a group, and its subscriptions then. */
    record Seen(long nanos, MessageModel model, Set<String> topics) {
    }

    void heartbeat(Heartbeat heartbeat, ClientCallbacks callbacks, long nowNanos) {
        for (Heartbeat.ConsumerData data : heartbeat.consumers()) {
            Set<String> topics = new HashSet<>();
            data.subscriptions().forEach(s -> topics.add(s.topic()));
            seen.put(data.group(), new Seen(nowNanos, data.model(), topics));
            Map<String, Member> members = groups.computeIfAbsent(data.group(), g -> new ConcurrentHashMap<>());
            Member old = members.put(heartbeat.clientId(), new Member(heartbeat.clientId(), data, callbacks, nowNanos));
            if (old == null) {
                notifyMembers(data.group());
            }
        }
    }

    void unregister(String clientId, String group) {
        Map<String, Member> members = groups.get(group);
        if (members != null && members.remove(clientId) != null) {
            seen.computeIfPresent(group, (g, s) -> new Seen(System.nanoTime(), s.model(), s.topics()));
            notifyMembers(group);
        }
    }

    /** Drops members not seen within {@code expiryNanos}; their groups are told. */
    void expire(long nowNanos, long expiryNanos) {
        groups.forEach((group, members) -> {
            boolean removed = members.values().removeIf(m -> nowNanos - m.lastSeenNanos() > expiryNanos);
            if (removed) {
                BrokerLog.LOG.info("consumer group {}: expired members that stopped heartbeating", group);
                notifyMembers(group);
            }
        });
    }

    /**
     * Whether {@code group} holds its messages of {@code topic} in the store: a clustering group
     * subscribed to the topic with a live member, or seen within {@code retentionNanos}.
     * Broadcasting groups keep offsets in their clients and hold nothing.
     */
    boolean holds(String group, String topic, long nowNanos, long retentionNanos) {
        Seen s = seen.get(group);
        if (s == null || s.model() != MessageModel.CLUSTERING || !s.topics().contains(topic)) {
            return false;
        }
        Map<String, Member> members = groups.get(group);
        return (members != null && !members.isEmpty()) || nowNanos - s.nanos() <= retentionNanos;
    }

    /** Every group seen by heartbeat since the broker started. */
    Set<String> knownGroups() {
        return new java.util.TreeSet<>(seen.keySet());
    }

    /** The topics the group subscribed to at its last heartbeat. */
    Set<String> topicsOf(String group) {
        Seen s = seen.get(group);
        return s == null ? Set.of() : s.topics();
    }

    /** The group's subscription to {@code topic} as a live member sent it, or null. */
    io.rocklet.mq.client.protocol.TagFilter subscription(String group, String topic) {
        Map<String, Member> members = groups.get(group);
        if (members == null) {
            return null;
        }
        for (Member m : members.values()) {
            for (Heartbeat.Subscription s : m.data().subscriptions()) {
                if (s.topic().equals(topic)) {
                    return s.filter();
                }
            }
        }
        return null;
    }

    /** The callbacks of the group's live members. */
    List<ClientCallbacks> callbacksOf(String group) {
        Map<String, Member> members = groups.get(group);
        List<ClientCallbacks> result = new ArrayList<>();
        if (members != null) {
            members.values().forEach(m -> result.add(m.callbacks()));
        }
        return result;
    }

    List<String> clientIds(String group) {
        Map<String, Member> members = groups.get(group);
        List<String> ids = members == null ? new ArrayList<>() : new ArrayList<>(members.keySet());
        ids.sort(null);
        return ids;
    }

    /** Groups with a live member subscribed to {@code topic}. */
    List<String> groupsSubscribedTo(String topic) {
        List<String> result = new ArrayList<>();
        groups.forEach((group, members) -> {
            for (Member m : members.values()) {
                if (m.data().subscriptions().stream().anyMatch(s -> s.topic().equals(topic))) {
                    result.add(group);
                    return;
                }
            }
        });
        return result;
    }

    void notifyMembers(String group) {
        Map<String, Member> members = groups.get(group);
        if (members == null) {
            return;
        }
        for (Member m : members.values()) {
            try {
                m.callbacks().consumerIdsChanged(group);
            } catch (RuntimeException e) {
                BrokerLog.LOG.warn("telling client {} about group {} failed", m.clientId(), group, e);
            }
        }
    }
}
