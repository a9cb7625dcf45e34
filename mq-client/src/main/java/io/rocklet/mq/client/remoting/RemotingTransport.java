package io.rocklet.mq.client.remoting;

import io.rocklet.mq.api.ClientOptions;
import io.rocklet.mq.client.codec.MessageRecord;
import io.rocklet.mq.client.codec.RecordRewriter;
import io.rocklet.mq.client.internal.NamedThreadFactory;
import io.rocklet.mq.client.internal.Transport;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.ClientCallbacks;
import io.rocklet.mq.client.protocol.NameServerApi;
import io.rocklet.mq.client.protocol.TransactionCheck;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code rocketmq://host:port;host:port}: name servers and brokers over Apache RocketMQ's remoting
 * protocol — Rocklet's TCP endpoint or an Apache RocketMQ cluster. Owns the connections, the route
 * poll (one scheduler thread, which also re-arms pulls that failed) and the dispatch of the
 * brokers' calls (39, 40, 220) to the {@link ClientCallbacks} of the client id they were sent to.
 */
public final class RemotingTransport implements Transport {
    public static final String SCHEME = "rocketmq://";
    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    /** Threads completing async sends: user callbacks run there, so more than one. */
    private static final int CALLBACK_THREADS = 2;

    private final String endpoint;
    private final ClientOptions options;
    private final RemotingClient client;
    private final RemotingNameServer nameServer;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService callbacks;
    private final ConcurrentHashMap<String, RemotingBroker> brokers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ClientCallbacks> members = new ConcurrentHashMap<>();

    public RemotingTransport(String endpoint, List<String> nameServers, ClientOptions options) {
        this.endpoint = endpoint;
        this.options = options;
        String name = String.valueOf(NEXT_ID.incrementAndGet());
        this.client = new RemotingClient(name, Signer.of(options.accessKey(), options.secretKey()),
                options.connectTimeout().toMillis(), options.idleTimeout().toMillis(), this::onRequest);
        this.nameServer = new RemotingNameServer(client, nameServers, options.requestTimeout().toMillis());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("remoting-routes-" + name));
        this.callbacks = Executors.newFixedThreadPool(CALLBACK_THREADS, new NamedThreadFactory("remoting-callback-" + name));
        long pollMs = options.routePollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(nameServer::poll, pollMs, pollMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public NameServerApi nameServer() {
        return nameServer;
    }

    @Override
    public BrokerApi broker(String address) {
        RemotingBroker broker = brokers.get(address);
        if (broker != null) {
            return broker;
        }
        String name = nameServer.brokerName(address);
        if (name == null) {
            return null;
        }
        return brokers.computeIfAbsent(address, a -> new RemotingBroker(client, this, a, name,
                options.requestTimeout().toMillis(), options.longPollTimeout().toMillis(), scheduler, callbacks));
    }

    @Override
    public boolean asynchronous() {
        return true;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    void register(String clientId, ClientCallbacks callbacks) {
        members.put(clientId, callbacks);
    }

    void unregister(String clientId) {
        members.remove(clientId); // a member leaves all its brokers together (close)
    }

    /** A broker's request on a member's connection; runs on the I/O thread. */
    private void onRequest(String address, String owner, RemotingCommand request) {
        ClientCallbacks callbacks = owner == null ? null : members.get(owner);
        if (callbacks == null) {
            return;
        }
        switch (request.code) {
            case RequestCode.NOTIFY_CONSUMER_IDS_CHANGED -> callbacks.consumerIdsChanged(request.stringField("consumerGroup"));
            case RequestCode.CHECK_TRANSACTION_STATE -> callbacks.checkTransaction(check(address, request));
            case RequestCode.RESET_CONSUMER_CLIENT_OFFSET -> {
                String topic = request.stringField("topic");
                for (Map.Entry<String, Map<Integer, Long>> e : RouteBodies.resetOffsets(topic, request.body).entrySet()) {
                    callbacks.resetOffset(request.stringField("group"), topic, e.getKey(), e.getValue());
                }
            }
            default -> RemotingClient.LOG.debug("ignoring request code {} from {}", request.code, address);
        }
    }

    private TransactionCheck check(String address, RemotingCommand request) {
        ByteBuffer record = ByteBuffer.wrap(request.body);
        Map<String, String> properties = RecordRewriter.properties(record, 0);
        String uniqKey = properties.getOrDefault("UNIQ_KEY", request.field("msgId"));
        String brokerName = nameServer.brokerName(address);
        return new TransactionCheck(properties.get("PGROUP"), brokerName,
                request.longField("commitLogOffset", record.getLong(MessageRecord.PHYSICAL_OFFSET)),
                request.longField("tranStateTableOffset", record.getLong(MessageRecord.QUEUE_OFFSET)), uniqKey, record);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        callbacks.shutdown();
        client.close();
        try {
            // completions already queued still run; nothing of the transport outlives close
            if (!callbacks.awaitTermination(5, TimeUnit.SECONDS) || !scheduler.awaitTermination(1, TimeUnit.SECONDS)) {
                RemotingClient.LOG.warn("threads of {} did not stop within 5 s", endpoint);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
