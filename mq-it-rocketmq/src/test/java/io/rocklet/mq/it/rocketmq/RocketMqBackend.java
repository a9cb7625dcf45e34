package io.rocklet.mq.it.rocketmq;

import io.rocklet.mq.api.ClientOptions;
import io.rocklet.mq.api.Clients;
import io.rocklet.mq.scenarios.Backend;
import io.rocklet.mq.scenarios.Scenarios;

/** Apache RocketMQ 5.2.0 in this JVM, reached by Rocklet's client through {@code rocketmq://}. */
final class RocketMqBackend implements Backend {
    private final RealRocketMq rocketmq;
    private final ClientOptions options;

    RocketMqBackend(RealRocketMq rocketmq) {
        this.rocketmq = rocketmq;
        this.options = rocketmq.accessKey() == null ? Scenarios.CLIENT_OPTIONS
                : Scenarios.CLIENT_OPTIONS.credentials(rocketmq.accessKey(), rocketmq.secretKey());
    }

    static RocketMqBackend start(int brokers) {
        try {
            return new RocketMqBackend(RealRocketMq.start(brokers));
        } catch (Exception e) {
            throw new IllegalStateException("RocketMQ did not start", e);
        }
    }

    RealRocketMq rocketmq() {
        return rocketmq;
    }

    String endpoint() {
        return "rocketmq://" + rocketmq.nameServerAddress();
    }

    @Override
    public Kind kind() {
        return Kind.ROCKETMQ;
    }

    @Override
    public Clients connect() {
        return Clients.connect(endpoint(), options);
    }

    @Override
    public void createTopic(String topic, int queues) {
        rocketmq.createTopic(topic, queues);
    }

    @Override
    public void close() {
        rocketmq.assertLoopbackOnly();
        rocketmq.close();
    }
}
