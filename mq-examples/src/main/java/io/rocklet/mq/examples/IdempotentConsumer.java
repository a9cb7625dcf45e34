package io.rocklet.mq.examples;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageListener;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.client.idempotency.Idempotent;
import io.rocklet.mq.client.idempotency.MemoryDedupStore;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every order is sent three times, as an application resending after send timeouts would; each
 * send gets a new message id. The consumer deduplicates on the order number (the message key) with
 * {@link Idempotent}, so each order is applied once.
 */
public final class IdempotentConsumer {
    private static final int ORDERS = 10;
    private static final int COPIES = 3;

    public static void main(String[] args) throws InterruptedException {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("idempotent-demo").build().start();
             Clients clients = broker.clients()) {
            Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
            MessageListener applyOrder = Idempotent.wrap("order-consumers", new MemoryDedupStore(), message -> {
                applied.computeIfAbsent(message.keys().get(0), k -> new AtomicInteger()).incrementAndGet();
                return ConsumeResult.SUCCESS;
            });
            AtomicInteger deliveries = new AtomicInteger();
            CountDownLatch acknowledged = new CountDownLatch(ORDERS * COPIES);
            clients.pushConsumer().group("order-consumers").subscribe("Orders", "*")
                    .listener(message -> {
                        deliveries.incrementAndGet();
                        ConsumeResult result = applyOrder.consume(message);
                        if (result == ConsumeResult.SUCCESS) {
                            acknowledged.countDown();
                        }
                        return result;
                    }).build();

            Producer producer = clients.producer().group("order-producers").build();
            for (int copy = 0; copy < COPIES; copy++) {
                for (int i = 1; i <= ORDERS; i++) {
                    producer.send(Message.builder("Orders").keys(String.format("order-%02d", i)).body("order " + i + " created").build());
                }
            }

            boolean all = acknowledged.await(10, TimeUnit.SECONDS);
            System.out.printf("sent %d messages: %d orders, %d copies each%n", ORDERS * COPIES, ORDERS, COPIES);
            System.out.printf("%d deliveries (a copy arriving while its order is being applied comes back later)%n",
                    deliveries.get());
            new TreeMap<>(applied).forEach((order, n) -> System.out.printf("%-8s applied %d time(s)%n", order, n.get()));
            System.out.println(all ? "every message acknowledged" : "timed out waiting for messages");
        }
    }
}
