package io.rocklet.mq.api;

import java.util.List;
import java.util.Map;
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

    /**
     * Backlog of every consumer group this broker knows (live members or committed offsets) and
     * traffic of every topic, as one snapshot. Asks live push consumers for their listener metrics.
     */
    BacklogSnapshot backlog();

    /**
     * Transactional half messages that stayed unknown through every check and were rolled back,
     * oldest first (the broker keeps the last 10,000).
     */
    List<MessageView> abandonedTransactions();

    /**
     * Moves the group's committed offsets on every queue of the topic to the earliest
     * ({@link ConsumeFromWhere#FIRST}) or latest ({@link ConsumeFromWhere#LAST}) message. Running
     * push consumers of the group are told at once and continue from there (a message being
     * consumed right then may still finish). Pull consumers keep their own positions: use
     * {@link PullConsumer#seek}.
     *
     * @return the new offset of each queue
     * @throws InvalidConfigurationException {@code TIMESTAMP}: use {@link #resetOffsets(String, String, java.time.Instant)}
     */
    Map<MessageQueue, Long> resetOffsets(String group, String topic, ConsumeFromWhere where);

    /** Like {@link #resetOffsets(String, String, ConsumeFromWhere)}, to the first message stored at or after {@code time}. */
    Map<MessageQueue, Long> resetOffsets(String group, String topic, java.time.Instant time);
}
