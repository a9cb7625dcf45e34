package io.rocklet.mq.client;

import io.rocklet.mq.api.ClientClosedException;
import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumerMetrics;
import io.rocklet.mq.api.GroupBacklog;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.ProducerBuilder;
import io.rocklet.mq.api.PullConsumerBuilder;
import io.rocklet.mq.api.PushConsumerBuilder;
import io.rocklet.mq.api.TransactionProducerBuilder;
import io.rocklet.mq.client.internal.Transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Producers and consumers for one endpoint, sharing its route cache. Closing it closes each of
 * them. Thread-safe.
 */
public final class DefaultClients implements Clients {
    static final long ROUTE_REFRESH_NANOS = Duration.ofSeconds(30).toNanos();

    private final Routes routes;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public DefaultClients(Transport transport) {
        this.routes = new Routes(transport, ROUTE_REFRESH_NANOS);
    }

    @Override
    public ProducerBuilder producer() {
        ensureOpen();
        return new DefaultProducerBuilder(this);
    }

    @Override
    public PushConsumerBuilder pushConsumer() {
        ensureOpen();
        return new DefaultPushConsumerBuilder(this);
    }

    @Override
    public PullConsumerBuilder pullConsumer() {
        ensureOpen();
        return new DefaultPullConsumerBuilder(this);
    }

    @Override
    public TransactionProducerBuilder transactionProducer() {
        ensureOpen();
        return new DefaultTransactionProducerBuilder(this);
    }

    @Override
    public GroupBacklog backlog(String group, String... topics) {
        ensureOpen();
        ConsumerMetrics local = ConsumerMetrics.NONE;
        for (AutoCloseable client : open) {
            if (client instanceof PushConsumer consumer && consumer.group().equals(group)) {
                local = local.plus(consumer.metrics());
            }
        }
        return ClientBacklog.of(routes, group, List.of(topics), local);
    }

    Routes routes() {
        return routes;
    }

    /** Tracks a started client so {@link #close()} closes it. */
    <T extends AutoCloseable> T track(T client) {
        ensureOpen();
        open.add(client);
        return client;
    }

    void untrack(AutoCloseable client) {
        open.remove(client);
    }

    private void ensureOpen() {
        if (closed) {
            throw new ClientClosedException("clients of " + routes.transport().endpoint());
        }
    }

    @Override
    public void close() {
        closed = true;
        List<AutoCloseable> all = new ArrayList<>(open);
        for (AutoCloseable client : all) {
            try {
                client.close();
            } catch (Exception e) {
                ClientLog.LOG.warn("closing {} failed", client, e);
            }
        }
        open.clear();
        routes.transport().close();
    }
}
