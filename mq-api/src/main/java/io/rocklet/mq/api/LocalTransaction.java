package io.rocklet.mq.api;

/**
 * The local transaction run between storing a half message and committing or rolling it back.
 * Runs on the thread that called {@link TransactionProducer#send}. A thrown exception or a null
 * result counts as {@link TransactionResolution#UNKNOWN}: the broker will check back.
 */
@FunctionalInterface
public interface LocalTransaction {
    TransactionResolution execute(Message message, Object arg);
}
