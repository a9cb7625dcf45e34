package io.rocklet.mq.bench.peers;

/**
 * A server that speaks RocketMQ's remoting protocol, as a client peer needs it: where its name
 * server is, topics, a count, a stop. Apache RocketMQ ({@link EmbeddedRocketMq}) or Rocklet's TCP
 * endpoint ({@link RockletTcpServer}); either client ({@link RemotingClientKind}) drives either.
 */
interface RemotingServer {
    /** Queues of every topic {@link #createTopic} makes. */
    int QUEUES_PER_TOPIC = 8;

    /** {@code 127.0.0.1:port} of its name server. */
    String namesrvAddress();

    /** Creates {@code topic} with {@link #QUEUES_PER_TOPIC} queues and returns once the name server routes it. */
    void createTopic(String topic);

    /** Messages the broker holds for {@code topic} (what a consumer could read), counted by the broker. */
    long storedMessages(String topic);

    void shutdown();
}
