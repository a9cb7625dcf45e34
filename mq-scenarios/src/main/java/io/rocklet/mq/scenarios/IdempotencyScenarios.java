package io.rocklet.mq.scenarios;

import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.client.idempotency.Idempotent;
import io.rocklet.mq.client.idempotency.MemoryDedupStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The idempotency helper runs the business logic once per key, however often a key is delivered. */
public abstract class IdempotencyScenarios extends Scenarios {

    @Test
    void duplicatesOfAKeyAreProcessedOnce() {
        String topic = topic("Dedup", 4);
        String group = name("cg");
        Producer producer = clients.producer().group(name("pg")).build();
        for (int copy = 0; copy < 3; copy++) {
            for (int i = 0; i < 10; i++) {
                producer.send(Message.builder(topic).keys("order-" + i).body("order-" + i).build());
            }
        }
        List<MessageView> processed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger deliveries = new AtomicInteger();
        try (PushConsumer ignored = pushConsumer(clients, group, topic, "*").listener(m -> {
            deliveries.incrementAndGet();
            return Idempotent.wrap(group, STORE, message -> {
                processed.add(message);
                return ConsumeResult.SUCCESS;
            }).consume(m);
        }).build()) {
            awaitCount(processed, 10);
            org.awaitility.Awaitility.await().until(() -> deliveries.get() >= 30);
        }
        assertThat(bodies(processed)).doesNotHaveDuplicates().hasSize(10);
    }

    private static final MemoryDedupStore STORE = new MemoryDedupStore();
}
