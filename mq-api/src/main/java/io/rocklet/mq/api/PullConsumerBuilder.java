package io.rocklet.mq.api;

import java.time.Duration;

/** Configures and starts a {@link PullConsumer}. Not thread-safe. */
public interface PullConsumerBuilder {
    PullConsumerBuilder group(String group);

    /** Commit polled positions automatically every {@code interval}; off when null (default 5 s). */
    PullConsumerBuilder autoCommitInterval(Duration interval);

    /** Most messages one {@code poll} returns (default 32). */
    PullConsumerBuilder pullBatchSize(int size);

    /** Where to start on a queue the group has no offset for (default {@link ConsumeFromWhere#LAST}). */
    PullConsumerBuilder consumeFromWhere(ConsumeFromWhere where);

    PullConsumerBuilder rebalanceInterval(Duration interval);

    PullConsumerBuilder heartbeatInterval(Duration interval);

    PullConsumer build();
}
