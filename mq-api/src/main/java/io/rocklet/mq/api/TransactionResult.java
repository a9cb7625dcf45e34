package io.rocklet.mq.api;

/** A transactional send: the stored half message, and what its local transaction resolved to. */
public record TransactionResult(SendResult sendResult, TransactionResolution resolution) {
}
