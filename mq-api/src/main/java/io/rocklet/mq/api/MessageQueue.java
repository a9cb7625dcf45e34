package io.rocklet.mq.api;

import java.util.Comparator;

/**
 * One queue of a topic, always named with the broker that holds it. Process queues, offsets and
 * {@code assign()} are keyed by it. Ordered by topic, broker name, queue id (RocketMQ's order).
 */
public record MessageQueue(String topic, String brokerName, int queueId) implements Comparable<MessageQueue> {
    private static final Comparator<MessageQueue> ORDER = Comparator.comparing(MessageQueue::topic)
            .thenComparing(MessageQueue::brokerName)
            .thenComparingInt(MessageQueue::queueId);

    public MessageQueue {
        if (topic == null || brokerName == null || queueId < 0) {
            throw new InvalidConfigurationException(
                    "invalid message queue: " + topic + "/" + brokerName + "/" + queueId);
        }
    }

    @Override
    public int compareTo(MessageQueue other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return topic + "@" + brokerName + "#" + queueId;
    }
}
