package io.rocklet.mq.api;

/**
 * Answers the broker's check of a half message left unresolved (RocketMQ's
 * {@code checkLocalTransaction}): look the business state up, typically by the message's key.
 * Runs on the producer's {@code rocklet-tx-check-*} thread; any live producer of the group may be
 * asked. A thrown exception or a null result counts as {@link TransactionResolution#UNKNOWN}.
 */
@FunctionalInterface
public interface TransactionChecker {
    TransactionResolution check(MessageView halfMessage);
}
