package io.rocklet.mq.api;

import io.rocklet.mq.api.spi.ClientsProvider;

import java.util.ServiceLoader;

/**
 * Creates producers and consumers for one endpoint. The endpoint names name servers:
 * {@code inproc://<name>} for an embedded broker in this JVM. Thread-safe. Closing it closes every
 * producer and consumer it made.
 */
public interface Clients extends AutoCloseable {
    /**
     * Connects to an endpoint.
     *
     * @throws InvalidConfigurationException no transport knows the endpoint's scheme, or nothing
     *                                       is registered under its name
     */
    static Clients connect(String endpoint) {
        for (ClientsProvider provider : ServiceLoader.load(ClientsProvider.class)) {
            if (provider.accepts(endpoint)) {
                return provider.connect(endpoint);
            }
        }
        throw new InvalidConfigurationException("no transport for endpoint: " + endpoint);
    }

    ProducerBuilder producer();

    PushConsumerBuilder pushConsumer();

    PullConsumerBuilder pullConsumer();

    TransactionProducerBuilder transactionProducer();

    @Override
    void close();
}
