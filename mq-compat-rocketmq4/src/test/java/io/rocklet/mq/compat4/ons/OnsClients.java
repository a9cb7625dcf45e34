package io.rocklet.mq.compat4.ons;

import com.aliyun.openservices.ons.api.Admin;
import com.aliyun.openservices.ons.api.Consumer;
import com.aliyun.openservices.ons.api.ONSFactory;
import com.aliyun.openservices.ons.api.Producer;
import com.aliyun.openservices.ons.api.PropertyKeyConst;
import com.aliyun.openservices.ons.api.PropertyValueConst;
import com.aliyun.openservices.ons.api.order.OrderConsumer;
import com.aliyun.openservices.ons.api.order.OrderProducer;
import com.aliyun.openservices.ons.api.transaction.LocalTransactionChecker;
import com.aliyun.openservices.ons.api.transaction.TransactionProducer;
import io.rocklet.mq.broker.EmbeddedBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Makes Alibaba Cloud ONS SDK clients ({@link ONSFactory}) for one broker's TCP endpoint and shuts
 * every client it made down when closed.
 *
 * <p>Each client gets {@code NAMESRV_ADDR} (so the SDK never asks an HTTP address server for
 * one), dummy AccessKey / SecretKey (the SDK refuses to start without them and signs every
 * request with them; the endpoint ignores the signature) and a {@code GROUP_ID}. The SDK's message
 * trace is left at its default (on) unless {@link #withoutTrace()} says otherwise. The SDK names
 * each client instance itself (pid, name-server and key hashes, nano time), so no two share a
 * connection.
 */
final class OnsClients implements AutoCloseable {
    static final String ACCESS_KEY = "rocklet-test-access-key";
    private static final Logger LOG = LoggerFactory.getLogger(OnsClients.class);

    private final String nameServer;
    private final boolean trace;
    private final List<Admin> clients = new ArrayList<>();

    OnsClients(EmbeddedBroker broker) {
        this(broker.nameServerAddress(), true);
    }

    private OnsClients(String nameServer, boolean trace) {
        this.nameServer = nameServer;
        this.trace = trace;
    }

    /** Clients for the same broker with the SDK's message trace switched off ({@code MsgTraceSwitch=false}). */
    OnsClients withoutTrace() {
        return new OnsClients(nameServer, false);
    }

    /** The properties every client of the group is made with. */
    Properties properties(String group) {
        Properties properties = new Properties();
        properties.setProperty(PropertyKeyConst.NAMESRV_ADDR, nameServer);
        properties.setProperty(PropertyKeyConst.AccessKey, ACCESS_KEY);
        properties.setProperty(PropertyKeyConst.SecretKey, "rocklet-test-secret-key");
        properties.setProperty(PropertyKeyConst.GROUP_ID, group);
        if (!trace) {
            properties.setProperty(PropertyKeyConst.MsgTraceSwitch, "false");
        }
        return properties;
    }

    /** A started producer of the group. */
    Producer producer(String group) {
        return started(ONSFactory.createProducer(properties(group)));
    }

    /** A started order producer of the group. */
    OrderProducer orderProducer(String group) {
        return started(ONSFactory.createOrderProducer(properties(group)));
    }

    /** A started transaction producer of the group that answers the broker's checks with the checker. */
    TransactionProducer transactionProducer(String group, LocalTransactionChecker checker) {
        return started(ONSFactory.createTransactionProducer(properties(group), checker));
    }

    /** A clustering consumer of the group, not started: the caller subscribes first. */
    Consumer consumer(String group) {
        return track(ONSFactory.createConsumer(properties(group)));
    }

    /** A broadcasting consumer of the group, not started: the caller subscribes first. */
    Consumer broadcastingConsumer(String group) {
        Properties properties = properties(group);
        properties.setProperty(PropertyKeyConst.MessageModel, PropertyValueConst.BROADCASTING);
        return track(ONSFactory.createConsumer(properties));
    }

    /** An order consumer of the group, not started: the caller subscribes first. */
    OrderConsumer orderConsumer(String group) {
        return track(ONSFactory.createOrderedConsumer(properties(group)));
    }

    private <T extends Admin> T started(T client) {
        track(client).start();
        return client;
    }

    private <T extends Admin> T track(T client) {
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /**
     * Shuts all clients down in parallel: each client instance of the SDK's shaded RocketMQ client
     * spends about 3 s in its shutdown, which would add up one by one.
     */
    @Override
    public void close() {
        List<Thread> threads = new ArrayList<>();
        synchronized (clients) {
            for (Admin client : clients) {
                Thread thread = new Thread(() -> {
                    try {
                        client.shutdown();
                    } catch (RuntimeException e) {
                        LOG.warn("an ONS client failed to shut down", e);
                    }
                }, "ons-shutdown");
                thread.start();
                threads.add(thread);
            }
            clients.clear();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
