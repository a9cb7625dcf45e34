package io.rocklet.mq.client;

import io.rocklet.mq.api.ClientClosedException;
import io.rocklet.mq.api.InvalidMessageException;
import io.rocklet.mq.api.LocalTransaction;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.api.TransactionChecker;
import io.rocklet.mq.api.TransactionProducer;
import io.rocklet.mq.api.TransactionResolution;
import io.rocklet.mq.api.TransactionResult;
import io.rocklet.mq.api.internal.PropertyNames;
import io.rocklet.mq.client.codec.DecodedMessage;
import io.rocklet.mq.client.codec.MessageIds;
import io.rocklet.mq.client.codec.RecordRewriter;
import io.rocklet.mq.client.internal.NamedThreadFactory;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.ClientCallbacks;
import io.rocklet.mq.client.protocol.EndTransactionRequest;
import io.rocklet.mq.client.protocol.Heartbeat;
import io.rocklet.mq.client.protocol.TransactionCheck;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transaction producer: half message, local transaction, end of transaction; and a member of
 * its producer group at the brokers it sends to (heartbeats), answering their checks on its own
 * {@code rocklet-tx-check-*} thread.
 */
final class DefaultTransactionProducer implements TransactionProducer, ClientCallbacks {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    private final DefaultProducer producer;
    private final String group;
    private final TransactionChecker checker;
    private final Routes routes;
    private final String clientId;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    /** Brokers this producer heartbeats to (joined its group there). */
    private final Set<String> joined = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats;
    private final ExecutorService checks;
    private final Runnable onClose;
    private volatile boolean closed;

    DefaultTransactionProducer(DefaultProducer producer, TransactionChecker checker, Routes routes, long heartbeatMs,
                               Runnable onClose) {
        this.producer = producer;
        this.group = producer.config().group();
        this.checker = checker;
        this.routes = routes;
        this.onClose = onClose;
        this.clientId = "127.0.0.1@" + ProcessHandle.current().pid() + "#tx" + NEXT_ID.incrementAndGet() + "#" + System.nanoTime();
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("tx-producer-" + group));
        this.checks = Executors.newSingleThreadExecutor(new NamedThreadFactory("tx-check-" + group));
        heartbeats.scheduleWithFixedDelay(this::heartbeat, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public TransactionResult send(Message message, LocalTransaction transaction, Object arg) {
        if (closed) {
            throw new ClientClosedException("transaction producer of group " + group);
        }
        if (message.isDelayed()) {
            throw new InvalidMessageException("a transactional message cannot be delayed (as in RocketMQ): " + message);
        }
        if (transaction == null) {
            throw new InvalidMessageException("no local transaction given for " + message);
        }
        if (topics.add(message.topic())) {
            heartbeat(); // join the group at the topic's brokers first, so their checks can reach us
        }
        SendResult half = producer.send(message, true);
        if (joined.add(half.queue().brokerName())) {
            join(routes.broker(half.queue().brokerName())); // a topic created by this send had no route before
        }
        TransactionResolution resolution;
        try {
            resolution = transaction.execute(message, arg);
        } catch (Throwable t) {
            ClientLog.LOG.warn("local transaction of group {} threw on {}; its message stays unknown until checked",
                    group, half.messageId(), t);
            resolution = null;
        }
        if (resolution == null) {
            resolution = TransactionResolution.UNKNOWN;
        }
        end(half.queue().brokerName(), half.messageId(), MessageIds.physicalOffsetOf(half.offsetMessageId()),
                half.queueOffset(), resolution, false);
        return new TransactionResult(half, resolution);
    }

    private void end(String brokerName, String uniqKey, long physicalOffset, long queueOffset, TransactionResolution resolution,
                     boolean fromCheck) {
        BrokerApi broker = routes.broker(brokerName);
        if (broker == null) {
            ClientLog.LOG.warn("broker {} is gone: transaction {} ({}) will be checked again", brokerName, uniqKey, resolution);
            return;
        }
        try {
            broker.endTransaction(new EndTransactionRequest(group, physicalOffset, queueOffset, uniqKey, resolution, fromCheck));
        } catch (RuntimeException e) {
            ClientLog.LOG.warn("ending transaction {} ({}) failed; the broker will check it", uniqKey, resolution, e);
        }
    }

    /** Called by a broker; answered on the check thread, never on the broker's. */
    @Override
    public void checkTransaction(TransactionCheck check) {
        if (closed || !group.equals(check.producerGroup())) {
            return;
        }
        try {
            checks.execute(() -> answer(check));
        } catch (RejectedExecutionException e) {
            // closing: another producer of the group is asked next time
        }
    }

    private void answer(TransactionCheck check) {
        Map<String, String> properties = RecordRewriter.properties(check.record(), 0);
        MessageQueue queue = new MessageQueue(properties.getOrDefault(PropertyNames.REAL_TOPIC, ""), check.brokerName(),
                Integer.parseInt(properties.getOrDefault(PropertyNames.REAL_QID, "0")));
        TransactionResolution resolution;
        try {
            resolution = checker.check(new DecodedMessage(check.record(), queue));
        } catch (Throwable t) {
            ClientLog.LOG.warn("transaction checker of group {} threw on {}; it stays unknown", group, check.uniqKey(), t);
            resolution = null;
        }
        end(check.brokerName(), check.uniqKey(), check.halfPhysicalOffset(), check.halfQueueOffset(), resolution == null ? TransactionResolution.UNKNOWN : resolution, true);
    }

    @Override
    public void consumerIdsChanged(String group) {
        // a producer has no consumer groups
    }

    private void heartbeat() {
        if (closed) {
            return;
        }
        for (BrokerApi broker : routes.brokersOf(topics)) {
            join(broker);
        }
        for (String name : joined) {
            join(routes.broker(name));
        }
    }

    private void join(BrokerApi broker) {
        if (broker == null) {
            return;
        }
        try {
            broker.heartbeat(new Heartbeat(clientId, List.of(group), List.of()), this);
            joined.add(broker.brokerName());
        } catch (RuntimeException e) {
            ClientLog.LOG.warn("heartbeat of transaction producer {} to {} failed", clientId, broker.brokerName(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeats.shutdownNow();
        checks.shutdown();
        for (String name : joined) {
            BrokerApi broker = routes.broker(name);
            if (broker == null) {
                continue;
            }
            try {
                broker.unregister(clientId, group, null);
            } catch (RuntimeException e) {
                ClientLog.LOG.warn("unregistering {} from {} failed", clientId, broker.brokerName(), e);
            }
        }
        try {
            checks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
        onClose.run();
    }

    @Override
    public String toString() {
        return "TransactionProducer{group=" + group + ", clientId=" + clientId + "}";
    }
}
