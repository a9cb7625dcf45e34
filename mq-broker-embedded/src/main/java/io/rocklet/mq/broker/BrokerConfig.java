package io.rocklet.mq.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A broker's settings, fixed at build time. */
record BrokerConfig(String name, int defaultQueues, boolean autoCreateTopics, long storeBudgetBytes,
                    int segmentBytes, int maxRecordBytes, Duration nameServerHeartbeat, Duration clientExpiry,
                    Duration offlineGroupRetention, List<Duration> retrySchedule,
                    Map<String, List<Duration>> groupRetrySchedules, Duration transactionCheckImmunity,
                    Duration transactionCheckInterval, int transactionCheckMax, Duration queueLockTtl) {

    /** The retry delays of {@code group}, indexed by reconsume count (the last one repeats). */
    List<Duration> retrySchedule(String group) {
        return groupRetrySchedules.getOrDefault(group, retrySchedule);
    }
}
