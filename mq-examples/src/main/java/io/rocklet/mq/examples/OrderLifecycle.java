package io.rocklet.mq.examples;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ordered messages: each order's events (created → paid → shipped → completed) carry the order id
 * as sharding key, so they share a queue, and an orderly consumer handles each queue serially —
 * per order the steps arrive in order, while different orders run in parallel.
 */
public final class OrderLifecycle {
    private static final List<String> STEPS = List.of("created", "paid", "shipped", "completed");

    public static void main(String[] args) throws InterruptedException {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("orders-demo").build().start();
             Clients clients = broker.clients()) {
            broker.admin().createTopic("OrderEvents", 4);
            Map<String, List<String>> history = new ConcurrentHashMap<>();
            CountDownLatch done = new CountDownLatch(6 * STEPS.size());
            PushConsumer consumer = clients.pushConsumer().group("order-projection").subscribe("OrderEvents", "*")
                    .consumeOrderly(true).consumeThreads(4)
                    .listener(m -> {
                        history.computeIfAbsent(m.keys().get(0), k -> new CopyOnWriteArrayList<>()).add(m.tag());
                        done.countDown();
                        return ConsumeResult.SUCCESS;
                    }).build();
            Producer producer = clients.producer().build();
            for (String step : STEPS) {
                for (int order = 1; order <= 6; order++) {
                    String id = "order-" + order;
                    producer.send(Message.builder("OrderEvents").shardingKey(id).keys(id).tag(step)
                            .body(id + " " + step).build());
                }
            }
            done.await(10, TimeUnit.SECONDS);
            history.forEach((order, steps) -> System.out.println(order + ": " + String.join(" -> ", steps)
                    + (steps.equals(STEPS) ? "  (in order)" : "  (OUT OF ORDER)")));
            consumer.close();
        }
    }
}
