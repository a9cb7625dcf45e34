package io.rocklet.mq.it.rocketmq;

import io.rocklet.mq.scenarios.Backend;
import io.rocklet.mq.scenarios.ClusterScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Two Apache RocketMQ 5.2.0 brokers under one name server; the second stops mid-stream. */
class RocketMqClusterIT extends ClusterScenarios {
    private static RocketMqBackend backend;

    @BeforeAll
    static void start() {
        backend = RocketMqBackend.start(2);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Override
    protected Backend backend() {
        return backend;
    }

    @Override
    protected void stopSecondBroker() {
        backend.rocketmq().shutdownBroker(1);
    }

    @Override
    protected void restartSecondBroker() throws Exception {
        backend.rocketmq().restartBroker(1);
    }

    @Override
    protected String secondBrokerName() {
        return backend.rocketmq().brokerName(1);
    }
}
