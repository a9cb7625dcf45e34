package io.rocklet.mq.api;

import io.rocklet.mq.api.spi.ClientsProvider;

import java.util.ServiceLoader;

/**
 * Creates producers and consumers for one endpoint. The endpoint names name servers:
 * {@code inproc://<name>} for an embedded broker in this JVM, {@code rocketmq://host:9876;host2:9876}
 * for name servers over the network (Rocklet's TCP endpoint or an Apache RocketMQ cluster). Thread-safe. Closing it closes every
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
        return connect(endpoint, ClientOptions.defaults());
    }

    /**
     * Connects with network settings (credentials, timeouts, intervals); see {@link ClientOptions}.
     *
     * @throws InvalidConfigurationException no transport knows the endpoint's scheme, or nothing
     *                                       is registered under its name
     */
    static Clients connect(String endpoint, ClientOptions options) {
        for (ClientsProvider provider : ServiceLoader.load(ClientsProvider.class)) {
            if (provider.accepts(endpoint)) {
                return provider.connect(endpoint, options);
            }
        }
        throw new InvalidConfigurationException("no transport for endpoint: " + endpoint);
    }

    ProducerBuilder producer();

    PushConsumerBuilder pushConsumer();

    PullConsumerBuilder pullConsumer();

    TransactionProducerBuilder transactionProducer();

    /**
     * How far {@code group} is behind on {@code topics}, read from the brokers' offsets the same way
     * on every backend: per queue the max and committed offsets, the lag and the age of the oldest
     * unconsumed message; the group's dead letters and live members. {@code consumers} sums the
     * metrics of the group's push consumers made by these clients (this process's members); the
     * embedded broker's {@code Admin.backlog()} also sees members in other clients.
     */
    GroupBacklog backlog(String group, String... topics);

    @Override
    void close();
}
