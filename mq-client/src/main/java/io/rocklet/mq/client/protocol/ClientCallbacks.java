package io.rocklet.mq.client.protocol;

import io.rocklet.mq.api.ConsumerMetrics;

/**
 * Calls a broker makes to a client, given with its heartbeat. The broker never waits on them:
 * implementations hop to the client's own executor at once.
 */
public interface ClientCallbacks {
    /** The group's membership changed: rebalance now. */
    void consumerIdsChanged(String group);

    /**
     * This member's listener metrics for {@code group} (RocketMQ's consumer running info), or null
     * when it has none (a pull consumer). Answers from counters at once.
     */
    default ConsumerMetrics consumerMetrics(String group) {
        return null;
    }

    /**
     * An admin moved {@code group}'s offsets on {@code topic} at broker {@code brokerName}
     * (queue id → new offset): drop what is buffered for those queues and continue from there.
     */
    /** A half message of this producer's group is unresolved: check it and answer with endTransaction. */
    default void checkTransaction(TransactionCheck check) {
    }

    default void resetOffset(String group, String topic, String brokerName, java.util.Map<Integer, Long> offsets) {
    }
}
