package io.rocklet.mq.scenarios;

import io.rocklet.mq.api.Clients;

/**
 * Where a scenario runs: the embedded broker in-process, the embedded broker over TCP, or Apache
 * RocketMQ. Started once per test class; each scenario uses topics and groups of its own.
 */
public interface Backend extends AutoCloseable {
    enum Kind { INPROC, TCP, ROCKETMQ }

    Kind kind();

    /** New clients on this backend's endpoint. */
    Clients connect();

    /** Creates the topic with this many queues on every broker, and waits until its route is visible. */
    void createTopic(String topic, int queues);

    @Override
    void close();
}
