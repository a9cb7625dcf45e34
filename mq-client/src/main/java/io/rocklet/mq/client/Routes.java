package io.rocklet.mq.client;

import io.rocklet.mq.api.InvalidMessageException;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.TopicNotFoundException;
import io.rocklet.mq.api.internal.MessageChecks;
import io.rocklet.mq.client.internal.Transport;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.TopicRoute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's view of the route table: per topic the writable queues (checked and cached once per
 * topic, refreshed when stale or after a failure) and the readable queues.
 */
final class Routes {
    static final String AUTO_CREATE_TOPIC = "TBW102";

    private final Transport transport;
    private final long refreshNanos;
    private final ConcurrentHashMap<String, PublishInfo> publish = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> brokerAddresses = new ConcurrentHashMap<>();

    Routes(Transport transport, long refreshNanos) {
        this.transport = transport;
        this.refreshNanos = refreshNanos;
    }

    Transport transport() {
        return transport;
    }

    /**
     * Where a producer may send to {@code topic}.
     *
     * @throws InvalidMessageException a system topic
     * @throws TopicNotFoundException  no broker has it or creates it
     */
    PublishInfo publishInfo(String topic) {
        PublishInfo info = publish.get(topic);
        if (info != null && System.nanoTime() - info.loadedAtNanos < refreshNanos) {
            return info;
        }
        return refresh(topic);
    }

    PublishInfo refresh(String topic) {
        if (MessageChecks.isSystemTopic(topic)) {
            throw new InvalidMessageException("cannot send to system topic '" + topic + "'");
        }
        transport.nameServer().forget(topic);
        TopicRoute route = route(topic);
        boolean provisional = false;
        if (route == null || route.brokers().stream().noneMatch(TopicRoute.BrokerRoute::writable)) {
            route = route(AUTO_CREATE_TOPIC);
            provisional = true;
        }
        if (route == null) {
            publish.remove(topic);
            throw new TopicNotFoundException(topic);
        }
        List<WriteQueue> queues = new ArrayList<>();
        for (TopicRoute.BrokerRoute broker : route.brokers()) {
            for (int i = 0; broker.writable() && i < broker.writeQueues(); i++) {
                queues.add(new WriteQueue(new MessageQueue(topic, broker.brokerName(), i), broker.address()));
            }
        }
        if (queues.isEmpty()) {
            throw new TopicNotFoundException(topic);
        }
        // A route borrowed from TBW102 is refreshed at the next send, once the broker created the topic.
        PublishInfo info = new PublishInfo(queues.toArray(new WriteQueue[0]), provisional ? 0 : System.nanoTime());
        publish.put(topic, info);
        return info;
    }

    /** The topic's route, also remembering its brokers' addresses; null when no broker has it. */
    TopicRoute route(String topic) {
        TopicRoute route = transport.nameServer().route(topic);
        if (route != null) {
            route.brokers().forEach(b -> brokerAddresses.put(b.brokerName(), b.address()));
        }
        return route;
    }

    /** Readable queues of a topic across brokers, sorted; empty when none. */
    List<MessageQueue> readQueues(String topic) {
        TopicRoute route = route(topic);
        List<MessageQueue> queues = new ArrayList<>();
        if (route != null) {
            for (TopicRoute.BrokerRoute broker : route.brokers()) {
                for (int i = 0; broker.readable() && i < broker.readQueues(); i++) {
                    queues.add(new MessageQueue(topic, broker.brokerName(), i));
                }
            }
        }
        queues.sort(null);
        return queues;
    }

    /** The broker named in a route seen before, or null when it is gone. */
    BrokerApi broker(String brokerName) {
        String address = brokerAddresses.get(brokerName);
        return address == null ? null : transport.broker(address);
    }

    /** The broker of {@code queue}, looking its topic's route up when the broker is not known yet. */
    BrokerApi broker(MessageQueue queue) {
        BrokerApi broker = broker(queue.brokerName());
        if (broker == null) {
            route(queue.topic());
            broker = broker(queue.brokerName());
        }
        return broker;
    }

    /** Every broker currently routed for any of {@code topics}. */
    List<BrokerApi> brokersOf(Iterable<String> topics) {
        List<BrokerApi> brokers = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String topic : topics) {
            TopicRoute route = route(topic);
            if (route == null) {
                continue;
            }
            for (TopicRoute.BrokerRoute b : route.brokers()) {
                BrokerApi api = transport.broker(b.address());
                if (api != null && seen.add(b.brokerName())) {
                    brokers.add(api);
                }
            }
        }
        return brokers;
    }

    record WriteQueue(MessageQueue queue, String address) {
    }

    /** A topic's writable queues with a round-robin cursor. */
    static final class PublishInfo {
        final WriteQueue[] queues;
        final long loadedAtNanos;
        private final AtomicInteger next = new AtomicInteger();

        PublishInfo(WriteQueue[] queues, long loadedAtNanos) {
            this.queues = queues.clone();
            java.util.Arrays.sort(this.queues, java.util.Comparator.comparing(WriteQueue::queue));
            this.loadedAtNanos = loadedAtNanos;
        }

        /** RocketMQ's hash selector: {@code abs(key.hashCode() % n)} over the sorted queues. */
        WriteQueue byShardingKey(String key) {
            return queues[Math.abs(key.hashCode() % queues.length)];
        }

        /** The writable queues, sorted by broker name and queue id. */
        List<MessageQueue> messageQueues() {
            List<MessageQueue> result = new ArrayList<>(queues.length);
            for (WriteQueue q : queues) {
                result.add(q.queue());
            }
            return result;
        }

        /** The writable queue equal to {@code queue}, or null. */
        WriteQueue find(MessageQueue queue) {
            for (WriteQueue q : queues) {
                if (q.queue().equals(queue)) {
                    return q;
                }
            }
            return null;
        }

        /** The next queue in turn, avoiding {@code avoidBroker} when another broker exists. */
        WriteQueue pick(String avoidBroker) {
            int n = queues.length;
            int start = next.getAndIncrement() & Integer.MAX_VALUE;
            if (avoidBroker != null) {
                for (int i = 0; i < n; i++) {
                    WriteQueue q = queues[(start + i) % n];
                    if (!q.queue().brokerName().equals(avoidBroker)) {
                        return q;
                    }
                }
            }
            return queues[start % n];
        }
    }
}
