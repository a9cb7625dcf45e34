package io.rocklet.mq.examples;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.time.Duration;
import java.util.List;

/**
 * A listener fails: the message comes back through the group's retry topic with a growing delay,
 * then lands in the dead-letter queue; an operator re-sends it once the bug is fixed.
 */
public final class RetryAndDeadLetters {
    public static void main(String[] args) throws InterruptedException {
        // A fast schedule for the demo; the default is RocketMQ's 10s 30s 1m 2m ... 2h.
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("retry-demo")
                .retrySchedule(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)).build().start();
             Clients clients = broker.clients()) {
            boolean[] fixed = {false};
            PushConsumer consumer = clients.pushConsumer().group("payments").subscribe("Payments", "*")
                    .maxReconsumeTimes(3)
                    .listener(m -> {
                        System.out.printf("attempt %d of %s (%s): %s%n", m.reconsumeTimes() + 1, m.messageId(),
                                m.topic(), fixed[0] ? "ok" : "payment service down");
                        return fixed[0] ? ConsumeResult.SUCCESS : ConsumeResult.RECONSUME_LATER;
                    }).build();
            Producer producer = clients.producer().build();
            producer.send(Message.builder("Payments").keys("payment-42").body("charge 42 EUR").build());

            List<MessageView> dead = List.of();
            for (int i = 0; i < 100 && dead.isEmpty(); i++) {
                Thread.sleep(50); // a demo polls; tests use Awaitility
                dead = broker.admin().deadLetters("payments", 10);
            }
            System.out.println("dead letters of group payments: " + dead.size() + " " + dead);
            fixed[0] = true;
            System.out.println("service fixed; re-sent " + broker.admin().resendDeadLetters("payments") + " dead letter(s)");
            Thread.sleep(500);
            consumer.close();
        }
    }
}
