package io.rocklet.mq.client;

import io.rocklet.mq.api.BatchMessageListener;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.MessageListener;
import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.PushConsumerBuilder;
import io.rocklet.mq.api.internal.MessageChecks;
import io.rocklet.mq.api.internal.SystemTopics;
import io.rocklet.mq.client.protocol.TagFilter;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

final class DefaultPushConsumerBuilder implements PushConsumerBuilder {
    private final DefaultClients clients;
    private String group;
    private final Map<String, TagFilter> subscriptions = new LinkedHashMap<>();
    private BatchMessageListener listener;
    private boolean singleListener;
    private int consumeBatchSize = 1;
    private int consumeThreads = 20;
    private int pullBatchSize = 32;
    private MessageModel model = MessageModel.CLUSTERING;
    private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.LAST;
    private Instant consumeTimestamp = Instant.now().minus(Duration.ofMinutes(30));
    private int maxBufferedMessages = 1000;
    private long maxBufferedBytes = 100L << 20;
    private Duration autoCommitInterval = Duration.ofSeconds(5);
    private Duration rebalanceInterval = Duration.ofSeconds(20);
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private Duration redeliveryDelay = Duration.ofSeconds(1);
    private Duration spinBeforePark = Duration.ZERO;
    private Integer maxReconsumeTimes;
    private boolean orderly;
    private Duration suspendTime = Duration.ofSeconds(1);
    private Duration lockLease = Duration.ofSeconds(30);
    private Duration lockRenewal = Duration.ofSeconds(20);
    private java.nio.file.Path offsetFile;
    private Duration consumeTimeout = Duration.ofMinutes(15);

    DefaultPushConsumerBuilder(DefaultClients clients) {
        this.clients = clients;
    }

    @Override
    public PushConsumerBuilder group(String group) {
        this.group = MessageChecks.group(group);
        return this;
    }

    @Override
    public PushConsumerBuilder subscribe(String topic, String tagExpression) {
        subscriptions.put(MessageChecks.topic(topic), TagFilter.parse(tagExpression));
        return this;
    }

    @Override
    public PushConsumerBuilder listener(MessageListener listener) {
        MessageListener l = Settings.required("listener", listener);
        this.listener = messages -> {
            for (int i = 0; i < messages.size(); i++) {
                if (l.consume(messages.get(i)) != ConsumeResult.SUCCESS) {
                    messages.ackIndex(i - 1);
                    return ConsumeResult.RECONSUME_LATER;
                }
            }
            return ConsumeResult.SUCCESS;
        };
        this.singleListener = true;
        return this;
    }

    @Override
    public PushConsumerBuilder batchListener(BatchMessageListener listener) {
        this.listener = Settings.required("batchListener", listener);
        this.singleListener = false;
        return this;
    }

    @Override
    public PushConsumerBuilder consumeBatchSize(int size) {
        this.consumeBatchSize = Settings.positive("consumeBatchSize", size);
        return this;
    }

    @Override
    public PushConsumerBuilder consumeThreads(int threads) {
        this.consumeThreads = Settings.positive("consumeThreads", threads);
        return this;
    }

    @Override
    public PushConsumerBuilder pullBatchSize(int size) {
        this.pullBatchSize = Settings.positive("pullBatchSize", size);
        return this;
    }

    @Override
    public PushConsumerBuilder messageModel(MessageModel model) {
        this.model = Settings.required("messageModel", model);
        return this;
    }

    @Override
    public PushConsumerBuilder consumeFromWhere(ConsumeFromWhere where) {
        this.consumeFromWhere = Settings.required("consumeFromWhere", where);
        return this;
    }

    @Override
    public PushConsumerBuilder consumeTimestamp(Instant timestamp) {
        this.consumeTimestamp = Settings.required("consumeTimestamp", timestamp);
        return this;
    }

    @Override
    public PushConsumerBuilder maxBufferedMessagesPerQueue(int messages) {
        this.maxBufferedMessages = Settings.positive("maxBufferedMessagesPerQueue", messages);
        return this;
    }

    @Override
    public PushConsumerBuilder maxBufferedBytesPerQueue(long bytes) {
        if (bytes <= 0) {
            throw new InvalidConfigurationException("maxBufferedBytesPerQueue must be positive: " + bytes);
        }
        this.maxBufferedBytes = bytes;
        return this;
    }

    @Override
    public PushConsumerBuilder autoCommitInterval(Duration interval) {
        this.autoCommitInterval = Settings.positive("autoCommitInterval", interval);
        return this;
    }

    @Override
    public PushConsumerBuilder rebalanceInterval(Duration interval) {
        this.rebalanceInterval = Settings.positive("rebalanceInterval", interval);
        return this;
    }

    @Override
    public PushConsumerBuilder heartbeatInterval(Duration interval) {
        this.heartbeatInterval = Settings.positive("heartbeatInterval", interval);
        return this;
    }

    @Override
    public PushConsumerBuilder shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = Settings.positive("shutdownTimeout", timeout);
        return this;
    }

    private String instanceName;

    @Override
    public PushConsumerBuilder broadcastOffsets(java.nio.file.Path directory, String instanceName) {
        Settings.required("directory", directory);
        this.instanceName = MessageChecks.group(instanceName);
        this.offsetFile = directory;
        return this;
    }

    @Override
    public PushConsumerBuilder consumeOrderly(boolean orderly) {
        this.orderly = orderly;
        return this;
    }

    @Override
    public PushConsumerBuilder suspendTime(Duration suspend) {
        this.suspendTime = Settings.positive("suspendTime", suspend);
        return this;
    }

    @Override
    public PushConsumerBuilder queueLocks(Duration lease, Duration renewEvery) {
        Settings.positive("lease", lease);
        Settings.positive("renewEvery", renewEvery);
        if (renewEvery.compareTo(lease) >= 0) {
            throw new InvalidConfigurationException("queue locks must be renewed (" + renewEvery
                    + ") more often than their lease (" + lease + ")");
        }
        this.lockLease = lease;
        this.lockRenewal = renewEvery;
        return this;
    }

    @Override
    public PushConsumerBuilder maxReconsumeTimes(int times) {
        if (times < 0) {
            throw new InvalidConfigurationException("maxReconsumeTimes must not be negative: " + times);
        }
        this.maxReconsumeTimes = times;
        return this;
    }

    @Override
    public PushConsumerBuilder consumeTimeout(Duration timeout) {
        this.consumeTimeout = Settings.positive("consumeTimeout", timeout);
        return this;
    }

    @Override
    public PushConsumerBuilder spinBeforePark(Duration spin) {
        if (spin == null || spin.isNegative()) {
            throw new InvalidConfigurationException("spinBeforePark must be zero or positive: " + spin);
        }
        this.spinBeforePark = spin;
        return this;
    }

    /** How long a failed message waits before it is consumed again (default 1 s). */
    PushConsumerBuilder redeliveryDelay(Duration delay) {
        this.redeliveryDelay = Settings.positive("redeliveryDelay", delay);
        return this;
    }

    @Override
    public PushConsumer build() {
        if (group == null) {
            throw new InvalidConfigurationException("a push consumer needs a group");
        }
        if (subscriptions.isEmpty()) {
            throw new InvalidConfigurationException("push consumer of group " + group + " has no subscription");
        }
        if (listener == null) {
            throw new InvalidConfigurationException("push consumer of group " + group + " has no listener");
        }
        Map<String, TagFilter> allSubscriptions = new LinkedHashMap<>(subscriptions);
        if (model == MessageModel.CLUSTERING) {
            allSubscriptions.put(SystemTopics.retryTopic(group), TagFilter.ALL); // failed messages come back here
        }
        var config = new DefaultPushConsumer.PushConsumerConfig(group, model, Map.copyOf(allSubscriptions), listener,
                singleListener ? 1 : consumeBatchSize, consumeThreads, pullBatchSize, consumeFromWhere,
                consumeTimestamp.toEpochMilli(), maxBufferedMessages, maxBufferedBytes, autoCommitInterval.toMillis(),
                rebalanceInterval.toMillis(), heartbeatInterval.toMillis(), shutdownTimeout.toMillis(),
                redeliveryDelay.toMillis(), spinBeforePark.toNanos(),
                maxReconsumeTimes != null ? maxReconsumeTimes : orderly ? Integer.MAX_VALUE : 16, consumeTimeout.toNanos(),
                orderly, suspendTime.toMillis(), lockLease.toNanos(), lockRenewal.toMillis(),
                offsetFile == null ? null : offsetFile.resolve(group).resolve(instanceName + ".offsets"));
        DefaultPushConsumer[] self = new DefaultPushConsumer[1];
        self[0] = new DefaultPushConsumer(config, clients.routes(), () -> clients.untrack(self[0]));
        clients.track(self[0]);
        self[0].start();
        return self[0];
    }
}
