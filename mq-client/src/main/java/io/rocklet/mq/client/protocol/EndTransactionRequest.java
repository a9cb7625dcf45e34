package io.rocklet.mq.client.protocol;

import io.rocklet.mq.api.TransactionResolution;

/**
 * RocketMQ's END_TRANSACTION: the producer group's decision on a half message, found by its unique
 * id (and, as a hint, its physical offset). {@code fromCheck} when it answers a broker's check.
 */
public record EndTransactionRequest(String producerGroup, long halfPhysicalOffset, String uniqKey,
                                    TransactionResolution resolution, boolean fromCheck) {
}
