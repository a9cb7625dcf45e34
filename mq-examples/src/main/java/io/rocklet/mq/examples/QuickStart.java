package io.rocklet.mq.examples;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Start a broker in this JVM, send ten messages, receive them with a push consumer. */
public final class QuickStart {
    public static void main(String[] args) throws InterruptedException {
        long start = System.nanoTime();
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("quickstart").build().start();
             Clients clients = Clients.connect("inproc://quickstart")) {
            System.out.printf("broker started in %.1f ms%n", (System.nanoTime() - start) / 1e6);
            CountDownLatch received = new CountDownLatch(10);
            PushConsumer consumer = clients.pushConsumer()
                    .group("quickstart-consumers")
                    .subscribe("Orders", "*")
                    .listener(message -> {
                        System.out.printf("received %s from %s at offset %d: %s%n", message.messageId(),
                                message.queue(), message.queueOffset(), message.bodyAsString());
                        received.countDown();
                        return ConsumeResult.SUCCESS;
                    })
                    .build();
            Producer producer = clients.producer().group("quickstart-producers").build();
            for (int i = 0; i < 10; i++) {
                SendResult result = producer.send(Message.builder("Orders").tag("created").keys("order-" + i)
                        .body("order " + i + " created").build());
                System.out.printf("sent     %s to   %s at offset %d%n", result.messageId(), result.queue(), result.queueOffset());
            }
            boolean all = received.await(10, TimeUnit.SECONDS);
            System.out.println(all ? "all 10 messages received" : "timed out waiting for messages");
            consumer.close();
        }
    }
}
