package io.rocklet.mq.api;

/**
 * Sends transactional messages: {@link #send} stores a half message that no consumer sees, runs
 * the local transaction, then commits or rolls the message back by its result. A half message left
 * {@link TransactionResolution#UNKNOWN} is checked back later through the group's
 * {@link TransactionChecker} on any live producer of the group. Thread-safe.
 *
 * <p>Delayed messages and batches cannot be transactional (as in RocketMQ).
 */
public interface TransactionProducer extends AutoCloseable {
    String group();

    /**
     * Stores {@code message} as a half message, runs {@code transaction} on this thread, and
     * commits or rolls back by its result.
     *
     * @throws InvalidMessageException the message is invalid or delayed
     * @throws StoreFullException      no room for the half message within the send timeout
     * @throws ClientClosedException   the producer was closed
     */
    TransactionResult send(Message message, LocalTransaction transaction, Object arg);

    /** Stops answering checks and leaves the group; unresolved half messages are checked on another producer of the group. */
    @Override
    void close();
}
