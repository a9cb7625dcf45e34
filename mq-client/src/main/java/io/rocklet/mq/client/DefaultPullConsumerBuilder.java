package io.rocklet.mq.client;

import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.PullConsumer;
import io.rocklet.mq.api.PullConsumerBuilder;
import io.rocklet.mq.api.internal.MessageChecks;

import java.time.Duration;

final class DefaultPullConsumerBuilder implements PullConsumerBuilder {
    private final DefaultClients clients;
    private String group;
    private Duration autoCommitInterval = Duration.ofSeconds(5);
    private int pullBatchSize = 32;
    private ConsumeFromWhere consumeFromWhere = ConsumeFromWhere.LAST;
    private Duration rebalanceInterval = Duration.ofSeconds(20);
    private Duration heartbeatInterval = Duration.ofSeconds(30);

    DefaultPullConsumerBuilder(DefaultClients clients) {
        this.clients = clients;
    }

    @Override
    public PullConsumerBuilder group(String group) {
        this.group = MessageChecks.group(group);
        return this;
    }

    @Override
    public PullConsumerBuilder autoCommitInterval(Duration interval) {
        this.autoCommitInterval = interval == null ? null : Settings.positive("autoCommitInterval", interval);
        return this;
    }

    @Override
    public PullConsumerBuilder pullBatchSize(int size) {
        this.pullBatchSize = Settings.positive("pullBatchSize", size);
        return this;
    }

    @Override
    public PullConsumerBuilder consumeFromWhere(ConsumeFromWhere where) {
        this.consumeFromWhere = Settings.required("consumeFromWhere", where);
        return this;
    }

    @Override
    public PullConsumerBuilder rebalanceInterval(Duration interval) {
        this.rebalanceInterval = Settings.positive("rebalanceInterval", interval);
        return this;
    }

    @Override
    public PullConsumerBuilder heartbeatInterval(Duration interval) {
        this.heartbeatInterval = Settings.positive("heartbeatInterval", interval);
        return this;
    }

    @Override
    public PullConsumer build() {
        if (group == null) {
            throw new InvalidConfigurationException("a pull consumer needs a group");
        }
        var config = new DefaultPullConsumer.PullConsumerConfig(group, autoCommitInterval, pullBatchSize,
                consumeFromWhere, rebalanceInterval, heartbeatInterval);
        DefaultPullConsumer[] self = new DefaultPullConsumer[1];
        self[0] = new DefaultPullConsumer(config, clients.routes(), () -> clients.untrack(self[0]));
        return clients.track(self[0]);
    }
}
