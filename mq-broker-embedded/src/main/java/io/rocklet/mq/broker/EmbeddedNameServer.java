package io.rocklet.mq.broker;

import io.rocklet.mq.client.inproc.InprocRegistry;
import io.rocklet.mq.client.internal.NamedThreadFactory;
import io.rocklet.mq.client.protocol.NameServerApi;
import io.rocklet.mq.client.protocol.TopicRoute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The route table, registered in this JVM as {@code inproc://<name>}. Brokers register their topics
 * and keep them alive with a heartbeat; a broker that closes leaves at once, one that vanishes
 * expires after {@code brokerExpiry}. Thread-safe.
 *
 * <p>Threads: one {@code rocklet-namesrv-<name>-1} that expires silent brokers.
 */
public final class EmbeddedNameServer implements NameServerApi, AutoCloseable {
    /** RocketMQ's template topic: brokers that create topics on first send route it. */
    public static final String AUTO_CREATE_TOPIC = "TBW102";

    private final String name;
    private final long expiryNanos;
    private final ConcurrentHashMap<String, Registration> brokers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService expiry;
    private volatile boolean closed;

    private record Registration(String brokerName, String address, Map<String, TopicConfig> topics, long lastSeenNanos) {
    }

    private EmbeddedNameServer(String name, Duration brokerExpiry) {
        this.name = name;
        this.expiryNanos = brokerExpiry.toNanos();
        InprocRegistry.registerNameServer(name, this);
        this.expiry = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("namesrv-" + name));
        long periodMs = Math.max(1, brokerExpiry.toMillis() / 4);
        expiry.scheduleWithFixedDelay(this::expireSilentBrokers, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a name server registered as {@code inproc://<name>}, expiring brokers after 120 s.
     *
     * @throws io.rocklet.mq.api.InvalidConfigurationException the name is taken in this JVM
     */
    public static EmbeddedNameServer start(String name) {
        return start(name, Duration.ofSeconds(120));
    }

    public static EmbeddedNameServer start(String name, Duration brokerExpiry) {
        return new EmbeddedNameServer(name, brokerExpiry);
    }

    public String name() {
        return name;
    }

    /** {@code inproc://<name>}, for {@link io.rocklet.mq.api.Clients#connect(String)}. */
    public String endpoint() {
        return "inproc://" + name;
    }

    /** Registers or refreshes a broker and its topics (replacing what it registered before). */
    public void register(String brokerName, String address, Map<String, TopicConfig> topics) {
        if (!closed) {
            brokers.put(brokerName, new Registration(brokerName, address, Map.copyOf(topics), System.nanoTime()));
        }
    }

    /** Removes a broker's routes at once. */
    public void unregister(String brokerName) {
        brokers.remove(brokerName);
    }

    @Override
    public TopicRoute route(String topic) {
        List<TopicRoute.BrokerRoute> routes = new ArrayList<>();
        for (Registration r : brokers.values()) {
            TopicConfig config = r.topics().get(topic);
            if (config != null) {
                routes.add(new TopicRoute.BrokerRoute(r.brokerName(), r.address(), config.readQueues(),
                        config.writeQueues(), config.perm()));
            }
        }
        if (routes.isEmpty()) {
            return null;
        }
        routes.sort((a, b) -> a.brokerName().compareTo(b.brokerName()));
        return new TopicRoute(topic, routes);
    }

    void expireSilentBrokers() {
        long now = System.nanoTime();
        brokers.values().removeIf(r -> {
            boolean expired = now - r.lastSeenNanos() > expiryNanos;
            if (expired) {
                BrokerLog.LOG.warn("name server {}: broker {} at {} stopped heartbeating; its routes are removed",
                        name, r.brokerName(), r.address());
            }
            return expired;
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        InprocRegistry.unregisterNameServer(name, this);
        expiry.shutdownNow();
        try {
            expiry.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        brokers.clear();
    }
}
