package io.rocklet.mq.api;

import java.time.Duration;

/** Configures a {@link TransactionProducer}. Not thread-safe. */
public interface TransactionProducerBuilder {
    /** The producer group; the broker checks half messages on live producers of this group (required). */
    TransactionProducerBuilder group(String group);

    /** Answers the broker's checks of unresolved half messages (required). */
    TransactionProducerBuilder checker(TransactionChecker checker);

    /** How long storing the half message may take, back-pressure included (default 3 s). */
    TransactionProducerBuilder sendTimeout(Duration timeout);

    /** How often the producer tells its brokers it is alive and can answer checks (default 30 s). */
    TransactionProducerBuilder heartbeatInterval(Duration interval);

    /** @throws InvalidConfigurationException no group or no checker */
    TransactionProducer build();
}
