package io.rocklet.mq.client.protocol;

import io.rocklet.mq.api.TransactionResolution;

/**
 * RocketMQ's END_TRANSACTION: the producer group's decision on a half message, found by its unique
 * id (the embedded broker) or by its physical and queue offsets (Apache RocketMQ checks both; -1
 * when unknown). {@code fromCheck} when it answers a broker's check.
 */
public record EndTransactionRequest(String producerGroup, long halfPhysicalOffset, long halfQueueOffset, String uniqKey,
                                    TransactionResolution resolution, boolean fromCheck) {
}
