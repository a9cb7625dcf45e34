package io.rocklet.mq.api;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A consumer the application polls, like RocketMQ's lite pull consumer. Either subscribe (queues
 * are assigned by rebalance among the group) or assign queues yourself. Not for concurrent
 * {@code poll} calls from several threads: {@code poll}, {@code commit} and {@code seek} are meant
 * for one polling thread; {@link #close()} may be called from any thread.
 */
public interface PullConsumer extends AutoCloseable {
    /** Subscribes to a topic; its queues are shared with the group's other members. */
    void subscribe(String topic, String tagExpression);

    /** Consumes exactly these queues (no rebalance). Replaces earlier assignments. */
    void assign(Collection<MessageQueue> queues);

    /** The queues of a topic, across its brokers. */
    List<MessageQueue> queues(String topic);

    Set<MessageQueue> assignment();

    /**
     * Returns the next messages of the assigned, unpaused queues, waiting up to {@code timeout} for
     * one to arrive. Returns an empty list at the timeout.
     */
    List<MessageView> poll(Duration timeout);

    /** Commits the position after the last polled message of every queue and waits for the broker. */
    void commitSync();

    /** The committed offset of a queue at the broker, or -1 when there is none. */
    long committed(MessageQueue queue);

    /** The next offset {@code poll} reads from the queue. */
    long position(MessageQueue queue);

    void seek(MessageQueue queue, long offset);

    void seekToBeginning(MessageQueue queue);

    void seekToEnd(MessageQueue queue);

    void pause(Collection<MessageQueue> queues);

    void resume(Collection<MessageQueue> queues);

    /** Commits (when auto-commit is on) and leaves the group. Idempotent. */
    @Override
    void close();
}
