package io.rocklet.mq.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages. Thread-safe: share one producer between threads. Closing it is idempotent;
 * any call afterwards throws {@link ClientClosedException}.
 *
 * <p>Threads: none of its own. In-process, every send runs on the caller's thread.
 */
public interface Producer extends AutoCloseable {
    /**
     * Sends and waits until the broker stored the message. A failed attempt is retried on another
     * queue (preferring another broker) up to the configured retries, but never for an invalid
     * message or a full store.
     *
     * @throws InvalidMessageException the message cannot be sent (e.g. a system topic, too large)
     * @throws TopicNotFoundException  the topic does not exist and is not created on first send
     * @throws StoreFullException      no room within the send timeout
     * @throws BrokerUnavailableException no broker took the message
     */
    SendResult send(Message message);

    /**
     * Sends without blocking on a broker round trip. The future completes with the result or one of
     * the exceptions of {@link #send(Message)}. In-process the message is appended on the calling
     * thread and the returned future is already complete; callbacks chained on it then run on the
     * caller's thread.
     */
    CompletableFuture<SendResult> sendAsync(Message message);

    /**
     * Sends and does not report the outcome. Blocks while the store is full (back-pressure) and
     * drops nothing silently: a message that could not be stored is counted in {@link #onewayFailures()}.
     *
     * @throws InvalidMessageException the message is invalid
     */
    void sendOneway(Message message);

    /**
     * Sends messages of one topic as one batch to one queue, at consecutive offsets, all or
     * nothing. The encoded batch must fit the max message size.
     *
     * @return one result per message, in order
     */
    List<SendResult> send(List<Message> batch);

    /**
     * Sends to the queue {@code selector} picks (ordered messages with your own rule). A failed
     * send is retried on the same queue, never another: order would break.
     *
     * @throws InvalidMessageException the selector returned no queue of the topic
     */
    SendResult send(Message message, QueueSelector selector, Object arg);

    /** Oneway sends whose message could not be stored. */
    long onewayFailures();

    @Override
    void close();
}
