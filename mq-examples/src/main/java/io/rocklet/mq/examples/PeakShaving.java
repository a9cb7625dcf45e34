package io.rocklet.mq.examples;

import io.rocklet.mq.api.BacklogSnapshot;
import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.GroupBacklog;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak shaving: a burst of orders arrives faster than a slow consumer (2 ms per order) can take
 * them; the backlog builds up and is visible per group, then drains once a consumer with more
 * threads takes over.
 */
public final class PeakShaving {
    public static void main(String[] args) throws InterruptedException {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("peak-demo").build().start();
             Clients clients = broker.clients()) {
            broker.admin().createTopic("Orders", 8);
            AtomicLong done = new AtomicLong();
            PushConsumer slow = consumer(clients, 2, done);
            Producer producer = clients.producer().build();
            for (int i = 0; i < 3000; i++) {
                producer.send(Message.of("Orders", "order " + i));
            }
            System.out.println("burst of 3000 orders sent; consumer with 2 threads:");
            report(broker, 4);

            slow.close();
            PushConsumer fast = consumer(clients, 32, done);
            System.out.println("consumer restarted with 32 threads:");
            while (broker.admin().backlog().group("order-service").lag() > 0) {
                report(broker, 1);
            }
            report(broker, 1);
            System.out.println("orders processed: " + done.get() + " (a few more than 3000 means redeliveries after the restart)");
            fast.close();
        }
    }

    private static PushConsumer consumer(Clients clients, int threads, AtomicLong done) {
        return clients.pushConsumer().group("order-service").subscribe("Orders", "*").consumeThreads(threads)
                .listener(m -> {
                    try {
                        Thread.sleep(2); // the business work: a database call
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return ConsumeResult.RECONSUME_LATER;
                    }
                    done.incrementAndGet();
                    return ConsumeResult.SUCCESS;
                }).build();
    }

    private static void report(EmbeddedBroker broker, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            Thread.sleep(500);
            BacklogSnapshot snapshot = broker.admin().backlog();
            GroupBacklog group = snapshot.group("order-service");
            System.out.printf("  lag %5d  oldest %5d ms  consumed/s %7.1f%n", group.lag(), group.oldestUnconsumedAgeMs(),
                    group.consumers().consumeTps());
        }
    }
}
