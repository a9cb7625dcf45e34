package io.rocklet.mq.api;

import java.util.List;

/**
 * Chooses the queue of a message (RocketMQ's {@code MessageQueueSelector}): messages that must stay
 * in order go to the same queue. Called on the sending thread with the topic's writable queues,
 * sorted by broker name and queue id; must return one of them.
 */
@FunctionalInterface
public interface QueueSelector {
    MessageQueue select(List<MessageQueue> queues, Message message, Object arg);
}
