package io.rocklet.mq.client.protocol;

import java.nio.ByteBuffer;

/**
 * RocketMQ's CHECK_TRANSACTION_STATE: a broker asks a live producer of the group what became of a
 * half message; the answer comes back as an {@link EndTransactionRequest} with {@code fromCheck}.
 * {@code record} is the half message's stored record (a copy the producer may keep).
 */
public record TransactionCheck(String producerGroup, String brokerName, long halfPhysicalOffset, long halfQueueOffset,
                               String uniqKey, ByteBuffer record) {
}
