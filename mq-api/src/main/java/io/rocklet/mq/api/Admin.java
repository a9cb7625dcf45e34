package io.rocklet.mq.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Administration of one broker: topics, offsets, and message lookups. Thread-safe. */
public interface Admin {
    /** Creates a topic, or changes its queue count (it can only grow). */
    void createTopic(String topic, int queues);

    Set<String> topics();

    /** The topic's queues on this broker; empty when the topic does not exist here. */
    List<MessageQueue> queues(String topic);

    long minOffset(MessageQueue queue);

    long maxOffset(MessageQueue queue);

    /** The group's committed offset for the queue, or -1. */
    long committedOffset(String group, MessageQueue queue);

    /** A message by its id ({@link MessageView#messageId()}). Scans the store. */
    Optional<MessageView> findById(String messageId);

    /** Messages of a topic that carry {@code key}, oldest first, at most {@code limit}. Scans. */
    List<MessageView> findByKey(String topic, String key, int limit);

    /**
     * The group's dead letters ({@code %DLQ%<group>}), oldest first, at most {@code limit}. Their
     * {@code topic()} is the topic they were first sent to.
     */
    List<MessageView> deadLetters(String group, int limit);

    /**
     * Sends every dead letter of the group again to its original topic, as a new delivery
     * (reconsume count 0, same message id). The dead letters stay where they are, as in RocketMQ.
     *
     * @return how many were sent
     */
    int resendDeadLetters(String group);

    /** Sends one dead letter, by message id, again to its original topic; false when not found. */
    boolean resendDeadLetter(String group, String messageId);
}
