package io.rocklet.mq.broker;

/** A topic on one broker: its queue counts and RocketMQ permission bits (4 read, 2 write). */
public record TopicConfig(String name, int readQueues, int writeQueues, int perm) {
    public static final int PERM_READ_WRITE = 6;

    public static TopicConfig of(String name, int queues) {
        return new TopicConfig(name, queues, queues, PERM_READ_WRITE);
    }
}
