package io.rocklet.mq.bench.peers;

import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.broker.EmbeddedBroker;

/**
 * Rocklet's broker in this JVM with its TCP endpoint ({@code EmbeddedBroker.builder().tcp()}):
 * name server and broker on one loopback port, the memory store with its default budget. The
 * official client reaches it exactly as it reaches {@link EmbeddedRocketMq}.
 */
final class RockletTcpServer implements RemotingServer {
    private final EmbeddedBroker broker;

    private RockletTcpServer(EmbeddedBroker broker) {
        this.broker = broker;
    }

    static RockletTcpServer start(String name) {
        return new RockletTcpServer(EmbeddedBroker.builder().name(name).tcp().build().start());
    }

    @Override
    public String namesrvAddress() {
        return broker.nameServerAddress();
    }

    /** The broker registers a new topic with its name server before {@code createTopic} returns. */
    @Override
    public void createTopic(String topic) {
        broker.admin().createTopic(topic, QUEUES_PER_TOPIC);
        if (broker.nameServer().route(topic) == null) {
            throw new IllegalStateException("Rocklet's name server has no route for " + topic);
        }
    }

    @Override
    public long storedMessages(String topic) {
        long total = 0;
        for (MessageQueue queue : broker.admin().queues(topic)) {
            total += broker.admin().maxOffset(queue);
        }
        return total;
    }

    @Override
    public void shutdown() {
        broker.close();
    }
}
