package io.rocklet.mq.broker;

import io.rocklet.mq.api.internal.SystemTopics;
import io.rocklet.mq.broker.tcp.TcpBackend;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.TagFilter;
import io.rocklet.mq.client.protocol.TopicRoute;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What a broker's TCP endpoint serves: this broker, and routes from its name server. */
final class BrokerTcpBackend implements TcpBackend {
    /** Advertised addresses of brokers with a TCP endpoint in this JVM. */
    static final Set<String> TCP_ADDRESSES = ConcurrentHashMap.newKeySet();

    private final BrokerService service;
    private final TopicTable topics;
    private final EmbeddedNameServer nameServer;

    BrokerTcpBackend(BrokerService service, TopicTable topics, EmbeddedNameServer nameServer) {
        this.service = service;
        this.topics = topics;
        this.nameServer = nameServer;
    }

    @Override
    public BrokerApi broker() {
        return service;
    }

    @Override
    public TagFilter subscription(String group, String topic) {
        return service.groups().subscription(group, topic);
    }

    @Override
    public TopicRoute route(String topic) {
        TopicRoute route = nameServer.route(topic);
        if (route == null && SystemTopics.isRetryTopic(topic)) {
            topics.getOrCreate(topic, 1); // registers with the name server at once
            route = nameServer.route(topic);
        }
        return route;
    }

    @Override
    public boolean reachableOverTcp(String address) {
        return TCP_ADDRESSES.contains(address);
    }
}
