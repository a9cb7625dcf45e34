package io.rocklet.mq.broker.tcp;

import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.TagFilter;
import io.rocklet.mq.client.protocol.TopicRoute;

/** What the TCP endpoint serves: one broker's protocol and the name server it registered with. */
public interface TcpBackend {
    BrokerApi broker();

    /** The group's subscription to the topic from its members' heartbeats, or null. */
    TagFilter subscription(String group, String topic);

    /**
     * The topic's route, listing only brokers reachable over TCP; null when none has the topic. A
     * group's retry topic is created on this broker when asked for (official consumers look its
     * route up before their first heartbeat).
     */
    TopicRoute route(String topic);

    /** Which advertised addresses are TCP endpoints (brokers without TCP cannot be reached). */
    boolean reachableOverTcp(String address);
}
