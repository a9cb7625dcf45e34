package io.rocklet.mq.broker;

import java.time.Duration;

/** A broker's settings, fixed at build time. */
record BrokerConfig(String name, int defaultQueues, boolean autoCreateTopics, long storeBudgetBytes,
                    int segmentBytes, int maxRecordBytes, Duration nameServerHeartbeat, Duration clientExpiry,
                    Duration offlineGroupRetention) {
}
