package io.rocklet.mq.client.protocol;

import java.util.List;

/** Which brokers hold a topic and how many queues each, shaped like RocketMQ's TopicRouteData. */
public record TopicRoute(String topic, List<BrokerRoute> brokers) {
    public TopicRoute {
        brokers = List.copyOf(brokers);
    }

    /** One broker's share of a topic. {@code perm} uses RocketMQ's bits: 4 read, 2 write. */
    public record BrokerRoute(String brokerName, String address, int readQueues, int writeQueues, int perm) {
        public static final int PERM_READ = 4;
        public static final int PERM_WRITE = 2;

        public boolean readable() {
            return (perm & PERM_READ) != 0;
        }

        public boolean writable() {
            return (perm & PERM_WRITE) != 0;
        }
    }
}
