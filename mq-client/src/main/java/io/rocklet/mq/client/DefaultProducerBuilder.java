package io.rocklet.mq.client;

import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.ProducerBuilder;
import io.rocklet.mq.api.internal.MessageChecks;

import java.time.Duration;

final class DefaultProducerBuilder implements ProducerBuilder {
    private final DefaultClients clients;
    private String group = "DEFAULT_PRODUCER_GROUP";
    private Duration sendTimeout = Duration.ofSeconds(3);
    private int retries = 2;
    private int maxMessageBytes = MessageChecks.MAX_BODY_BYTES;

    DefaultProducerBuilder(DefaultClients clients) {
        this.clients = clients;
    }

    @Override
    public ProducerBuilder group(String group) {
        this.group = MessageChecks.group(group);
        return this;
    }

    @Override
    public ProducerBuilder sendTimeout(Duration timeout) {
        this.sendTimeout = Settings.positive("sendTimeout", timeout);
        return this;
    }

    @Override
    public ProducerBuilder retries(int retries) {
        if (retries < 0) {
            throw new InvalidConfigurationException("retries must be >= 0: " + retries);
        }
        this.retries = retries;
        return this;
    }

    @Override
    public ProducerBuilder maxMessageBytes(int bytes) {
        if (bytes <= 0 || bytes > MessageChecks.MAX_BODY_BYTES + (64 << 10)) {
            throw new InvalidConfigurationException("maxMessageBytes must be in 1..4 MiB + 64 KiB: " + bytes);
        }
        this.maxMessageBytes = bytes;
        return this;
    }

    @Override
    public Producer build() {
        ProducerConfig config = new ProducerConfig(group, sendTimeout.toNanos(), retries, maxMessageBytes);
        DefaultProducer[] self = new DefaultProducer[1];
        self[0] = new DefaultProducer(config, clients.routes(), () -> clients.untrack(self[0]));
        return clients.track(self[0]);
    }
}
