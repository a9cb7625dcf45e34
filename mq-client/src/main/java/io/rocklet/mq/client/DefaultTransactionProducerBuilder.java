package io.rocklet.mq.client;

import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.TransactionChecker;
import io.rocklet.mq.api.TransactionProducer;
import io.rocklet.mq.api.TransactionProducerBuilder;
import io.rocklet.mq.api.internal.MessageChecks;

import java.time.Duration;

final class DefaultTransactionProducerBuilder implements TransactionProducerBuilder {
    private final DefaultClients clients;
    private String group;
    private TransactionChecker checker;
    private Duration sendTimeout = Duration.ofSeconds(3);
    private Duration heartbeatInterval = Duration.ofSeconds(30);

    DefaultTransactionProducerBuilder(DefaultClients clients) {
        this.clients = clients;
    }

    @Override
    public TransactionProducerBuilder group(String group) {
        this.group = MessageChecks.group(group);
        return this;
    }

    @Override
    public TransactionProducerBuilder checker(TransactionChecker checker) {
        this.checker = Settings.required("checker", checker);
        return this;
    }

    @Override
    public TransactionProducerBuilder sendTimeout(Duration timeout) {
        this.sendTimeout = Settings.positive("sendTimeout", timeout);
        return this;
    }

    @Override
    public TransactionProducerBuilder heartbeatInterval(Duration interval) {
        this.heartbeatInterval = Settings.positive("heartbeatInterval", interval);
        return this;
    }

    @Override
    public TransactionProducer build() {
        if (group == null) {
            throw new InvalidConfigurationException("a transaction producer needs a group");
        }
        if (checker == null) {
            throw new InvalidConfigurationException("transaction producer of group " + group + " has no checker");
        }
        ProducerConfig config = new ProducerConfig(group, sendTimeout.toNanos(), 2, MessageChecks.MAX_BODY_BYTES);
        DefaultProducer producer = new DefaultProducer(config, clients.routes(), () -> { });
        DefaultTransactionProducer[] self = new DefaultTransactionProducer[1];
        self[0] = new DefaultTransactionProducer(producer, checker, clients.routes(), heartbeatInterval.toMillis(),
                () -> clients.untrack(self[0]));
        return clients.track(self[0]);
    }
}
