package io.rocklet.mq.examples;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two groups on one topic, three instances each: the clustering group splits the messages between
 * its instances; in the broadcasting group every instance gets all of them.
 */
public final class ClusteringVsBroadcasting {
    public static void main(String[] args) throws InterruptedException {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("groups-demo").build().start();
             Clients clients = broker.clients()) {
            broker.admin().createTopic("Prices", 8);
            Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
            List<PushConsumer> consumers = new ArrayList<>();
            for (MessageModel model : MessageModel.values()) {
                for (int i = 1; i <= 3; i++) {
                    String who = model + " instance " + i;
                    consumers.add(clients.pushConsumer().group(model.name().toLowerCase() + "-group")
                            .subscribe("Prices", "*").messageModel(model)
                            .listener(m -> {
                                counts.computeIfAbsent(who, k -> new AtomicInteger()).incrementAndGet();
                                return ConsumeResult.SUCCESS;
                            }).build());
                }
            }
            waitUntil(() -> consumers.stream().mapToInt(c -> c.assignment().size()).sum() == 8 + 3 * 8);
            Producer producer = clients.producer().build();
            for (int i = 0; i < 300; i++) {
                producer.send(Message.of("Prices", "tick " + i));
            }
            waitUntil(() -> counts.values().stream().mapToInt(AtomicInteger::get).sum() == 300 + 3 * 300);
            new TreeMap<>(counts).forEach((who, n) -> System.out.printf("%-26s received %d%n", who, n.get()));
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }
}
