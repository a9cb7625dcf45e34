package io.rocklet.mq.client.protocol;

import java.util.List;

/**
 * One broker, reached through a transport. Calls carry the fields of RocketMQ's remoting commands.
 * Thread-safe. Expected outcomes are values (statuses), not exceptions.
 */
public interface BrokerApi {
    String brokerName();

    /** The host written into stored records: IPv4 in the high 32 bits, port in the low 32. */
    long storeHost();

    /** Stores the request's records at one queue, filling {@code response}. Does not block. */
    void send(SendRequest request, SendResponse response);

    /**
     * {@link #send}, completing later when the broker is across a network (on the transport's
     * callback thread, never on an I/O thread). The request's records may be reused once this returns.
     */
    default java.util.concurrent.CompletableFuture<SendResponse> sendAsync(SendRequest request) {
        SendResponse response = new SendResponse();
        send(request, response);
        return java.util.concurrent.CompletableFuture.completedFuture(response);
    }

    /**
     * Reads a batch. When nothing is there and the request carries an {@link ArrivalListener}, the
     * listener is registered and called once when a message lands in the queue.
     */
    PullResponse pull(PullRequest request);

    /** The group's committed offset, or -1; 0 for a never-trimmed queue (RocketMQ's young-queue rule). */
    long queryOffset(String group, String topic, int queueId);

    void updateOffset(String group, String topic, int queueId, long offset);

    /** The first queue offset whose store time is at or after {@code timestampMs}. */
    long searchOffset(String topic, int queueId, long timestampMs);

    long minOffset(String topic, int queueId);

    long maxOffset(String topic, int queueId);

    void heartbeat(Heartbeat heartbeat, ClientCallbacks callbacks);

    /** Client ids of the group's live members. */
    List<String> consumerIds(String group);

    /**
     * Takes a failed message back for a later retry (or the dead-letter queue): the broker stores a
     * copy in the group's retry topic after the retry delay. Answers OK or a failure status with a
     * remark; the caller retries the message locally when it is not OK.
     */
    SendResponse sendBack(SendBackRequest request);

    /**
     * Takes or renews the client's locks on queues of its group (orderly consumption): a queue is
     * granted when free, already the client's, or its lock expired. Returns the queues now locked
     * by the client.
     */
    java.util.Set<io.rocklet.mq.api.MessageQueue> lockBatch(String group, String clientId,
                                                             java.util.Set<io.rocklet.mq.api.MessageQueue> queues);

    /** Releases the client's locks; the group's members are told at once so a waiting one can take them. */
    void unlockBatch(String group, String clientId, java.util.Set<io.rocklet.mq.api.MessageQueue> queues);

    /** A producer's decision on a half message (commit, roll back, or still unknown). Does not block. */
    void endTransaction(EndTransactionRequest request);

    /** The client leaves its groups at once (no expiry wait). Either group may be null. */
    void unregister(String clientId, String producerGroup, String consumerGroup);
}
