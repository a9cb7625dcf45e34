package io.rocklet.mq.examples;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A delayed message as a timeout job: when an order is created, a "payment due" message is sent
 * with a delay; when it arrives, an unpaid order is cancelled. (Production would use 30 minutes;
 * the demo uses one second.)
 */
public final class PaymentTimeout {
    public static void main(String[] args) throws InterruptedException {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("payment-demo").build().start();
             Clients clients = broker.clients()) {
            Set<String> paid = ConcurrentHashMap.newKeySet();
            CountDownLatch checked = new CountDownLatch(3);
            Instant start = Instant.now();
            PushConsumer consumer = clients.pushConsumer().group("payment-timeouts").subscribe("PaymentDue", "*")
                    .listener(m -> {
                        String order = m.keys().get(0);
                        System.out.printf("%5d ms  %s: payment due (scheduled for +%d ms) -> %s%n",
                                Duration.between(start, Instant.now()).toMillis(), order,
                                m.deliverAtMs() - start.toEpochMilli(), paid.contains(order) ? "paid, nothing to do" : "cancelled");
                        checked.countDown();
                        return ConsumeResult.SUCCESS;
                    }).build();
            Producer producer = clients.producer().build();
            for (int i = 1; i <= 3; i++) {
                String order = "order-" + i;
                producer.send(Message.builder("PaymentDue").keys(order).body(order)
                        .delay(Duration.ofMillis(1000 + 200L * i)).build());
                System.out.printf("%5d ms  %s created; payment due in %d ms%n",
                        Duration.between(start, Instant.now()).toMillis(), order, 1000 + 200 * i);
            }
            paid.add("order-2");
            System.out.println("          order-2 paid");
            checked.await(10, TimeUnit.SECONDS);
            consumer.close();
        }
    }
}
