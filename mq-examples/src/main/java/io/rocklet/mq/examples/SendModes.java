package io.rocklet.mq.examples;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PullConsumer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sync, async, oneway and batch sends, then a pull consumer reading everything back. */
public final class SendModes {
    public static void main(String[] args) {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("send-modes").build().start();
             Clients clients = broker.clients()) {
            Producer producer = clients.producer().group("send-modes").build();

            SendResult sync = producer.send(Message.of("Events", "sync"));
            System.out.println("sync    -> " + sync);

            producer.sendAsync(Message.of("Events", "async"))
                    .thenAccept(r -> System.out.println("async   -> " + r))
                    .join();

            producer.sendOneway(Message.of("Events", "oneway"));
            System.out.println("oneway  -> sent (failures so far: " + producer.onewayFailures() + ")");

            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(Message.builder("Events").tag("batch").body("batch " + i).build());
            }
            producer.send(batch).forEach(r -> System.out.println("batch   -> " + r));

            try (PullConsumer consumer = clients.pullConsumer().group("reader")
                    .consumeFromWhere(ConsumeFromWhere.FIRST).build()) {
                consumer.assign(consumer.queues("Events"));
                int seen = 0;
                while (seen < 8) {
                    for (MessageView m : consumer.poll(Duration.ofSeconds(1))) {
                        System.out.println("pulled  <- " + m.queue() + "@" + m.queueOffset() + ": " + m.bodyAsString());
                        seen++;
                    }
                }
                consumer.commitSync();
            }
        }
    }
}
