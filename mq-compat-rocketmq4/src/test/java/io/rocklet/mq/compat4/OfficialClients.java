package io.rocklet.mq.compat4;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes official RocketMQ clients for one broker's TCP endpoint, with the client's 30 s route
 * poll, 30 s heartbeat and 5 s offset persistence shortened so that no test waits for a cycle,
 * and shuts every client it made down when closed. Each client gets its own instance name:
 * clients of one JVM that share a name share one connection and client id.
 */
final class OfficialClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OfficialClients.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /**
     * Names this test run: broadcasting consumers keep offsets in a file named after the client
     * id, which a later run must not find.
     */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private final String nameServer;
    private final List<Runnable> shutdowns = new ArrayList<>();

    OfficialClients(EmbeddedBroker broker) {
        this.nameServer = broker.nameServerAddress();
    }

    /** A started producer of the group. */
    DefaultMQProducer producer(String group) throws MQClientException {
        DefaultMQProducer producer = configure(new DefaultMQProducer(group));
        producer.start();
        shutdowns.add(producer::shutdown);
        return producer;
    }

    /** A transaction producer of the group, not started: the caller sets its listener first. */
    TransactionMQProducer transactionProducer(String group) {
        TransactionMQProducer producer = configure(new TransactionMQProducer(group));
        shutdowns.add(producer::shutdown);
        return producer;
    }

    /** A push consumer of the group, not started: the caller subscribes and sets its listener. */
    DefaultMQPushConsumer pushConsumer(String group) {
        DefaultMQPushConsumer consumer = configure(new DefaultMQPushConsumer(group));
        consumer.setPersistConsumerOffsetInterval(100);
        shutdowns.add(consumer::shutdown);
        return consumer;
    }

    /** A lite pull consumer of the group, not started. */
    DefaultLitePullConsumer litePullConsumer(String group) {
        DefaultLitePullConsumer consumer = configure(new DefaultLitePullConsumer(group));
        consumer.setPersistConsumerOffsetInterval(100);
        shutdowns.add(consumer::shutdown);
        return consumer;
    }

    /**
     * The consumer's own offset of the queue: the next offset to consume once every message
     * before it was processed, or -1 before the queue was assigned. The push consumer persists it
     * at the broker only on its periodic task (the first run comes 10 s after start) and at
     * shutdown, so a test that wants "all consumed" asks the consumer itself.
     */
    static long consumedOffset(DefaultMQPushConsumer consumer, MessageQueue queue) {
        return consumer.getOffsetStore() == null ? -1 : consumer.getOffsetStore().readOffset(queue, ReadOffsetType.READ_FROM_MEMORY);
    }

    private <T extends ClientConfig> T configure(T client) {
        client.setNamesrvAddr(nameServer);
        client.setClientIP("127.0.0.1");
        client.setInstanceName("compat-" + RUN + "-" + INSTANCES.incrementAndGet());
        client.setPollNameServerInterval(200);
        client.setHeartbeatBrokerInterval(500);
        return client;
    }

    /**
     * Shuts all clients down in parallel: each official client instance spends about 3 s in its
     * shutdown (its event thread polls with a 3 s timeout), which would add up one by one.
     */
    @Override
    public void close() {
        List<Thread> threads = new ArrayList<>();
        for (Runnable shutdown : shutdowns) {
            Thread thread = new Thread(() -> {
                try {
                    shutdown.run();
                } catch (RuntimeException e) {
                    LOG.warn("an official client failed to shut down", e);
                }
            }, "compat-shutdown");
            thread.start();
            threads.add(thread);
        }
        shutdowns.clear();
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
