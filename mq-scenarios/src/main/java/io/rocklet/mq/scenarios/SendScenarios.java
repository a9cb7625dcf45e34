package io.rocklet.mq.scenarios;

import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.SendResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Sends in every mode arrive whole: id, topic, tag, keys, properties, body, queue and offset. */
public abstract class SendScenarios extends Scenarios {

    @Test
    void aSyncSendArrivesWithEverythingItCarried() {
        String topic = topic("RoundTrip", 8);
        Producer producer = clients.producer().group(name("pg")).build();
        SendResult sent = producer.send(Message.builder(topic).tag("TagA").keys("order-1", "user-7")
                .property("color", "blue").property("size", "XL").body("héllo wörld").build());

        List<MessageView> received = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer ignored = pushConsumer(clients, name("cg"), topic, "*").listener(m -> {
            received.add(m);
            return ConsumeResult.SUCCESS;
        }).build()) {
            awaitCount(received, 1);
        }
        MessageView view = received.get(0);
        assertThat(view.messageId()).isEqualTo(sent.messageId()).hasSize(32);
        assertThat(view.topic()).isEqualTo(topic);
        assertThat(view.tag()).isEqualTo("TagA");
        assertThat(view.keys()).containsExactly("order-1", "user-7");
        assertThat(view.properties()).containsAllEntriesOf(Map.of("color", "blue", "size", "XL"));
        assertThat(view.bodyAsString()).isEqualTo("héllo wörld");
        assertThat(view.queue()).isEqualTo(sent.queue());
        assertThat(view.queueOffset()).isEqualTo(sent.queueOffset());
        assertThat(view.reconsumeTimes()).isZero();
    }

    @Test
    void asyncOnewayAndBatchSendsAllArrive() {
        String topic = topic("Modes", 8);
        Producer producer = clients.producer().group(name("pg")).build();
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(producer.sendAsync(Message.of(topic, "async-" + i)));
        }
        for (int i = 0; i < 20; i++) {
            producer.sendOneway(Message.of(topic, "oneway-" + i));
        }
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(Message.builder(topic).tag("b").body("batch-" + i).build());
        }
        List<SendResult> batchResults = producer.send(batch);
        futures.forEach(CompletableFuture::join);

        assertThat(batchResults).hasSize(10);
        assertThat(batchResults).extracting(SendResult::queue).containsOnly(batchResults.get(0).queue());
        for (int i = 1; i < 10; i++) {
            assertThat(batchResults.get(i).queueOffset()).isEqualTo(batchResults.get(0).queueOffset() + i);
        }
        assertThat(producer.onewayFailures()).isZero();
        List<MessageView> received = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer ignored = pushConsumer(clients, name("cg"), topic, "*").listener(m -> {
            received.add(m);
            return ConsumeResult.SUCCESS;
        }).build()) {
            awaitCount(received, 50);
        }
        Set<String> bodies = new HashSet<>(bodies(received));
        assertThat(bodies).hasSize(50).contains("async-19", "oneway-19", "batch-9");
        synchronized (received) {
            received.stream().filter(m -> m.bodyAsString().startsWith("batch-")).forEach(m -> {
                SendResult result = batchResults.get(Integer.parseInt(m.bodyAsString().substring(6)));
                assertThat(m.messageId()).isEqualTo(result.messageId());
                assertThat(m.queueOffset()).isEqualTo(result.queueOffset());
            });
        }
    }

    @Test
    void aTagExpressionSelectsItsTags() {
        String topic = topic("Tags", 4);
        Producer producer = clients.producer().group(name("pg")).build();
        for (String tag : List.of("A", "B", "C", "A", "C", "B")) {
            producer.send(Message.builder(topic).tag(tag).body(tag).build());
        }
        producer.send(Message.builder(topic).tag("END").body("END").build());
        List<MessageView> received = Collections.synchronizedList(new ArrayList<>());
        List<MessageView> all = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer a = pushConsumer(clients, name("cg"), topic, "A || B || END").listener(m -> {
            received.add(m);
            return ConsumeResult.SUCCESS;
        }).build(); PushConsumer b = pushConsumer(clients, name("cg"), topic, "*").listener(m -> {
            all.add(m);
            return ConsumeResult.SUCCESS;
        }).build()) {
            awaitCount(all, 7);
            awaitCount(received, 5);
        }
        assertThat(bodies(received)).containsExactlyInAnyOrder("A", "A", "B", "B", "END");
    }
}
