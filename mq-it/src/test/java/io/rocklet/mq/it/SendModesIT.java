package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PullConsumer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RockletExtension.class)
class SendModesIT {
    private Clients clients;
    private Producer producer;

    @BeforeEach
    void setUp(EmbeddedBroker broker) {
        clients = Clients.connect(broker.endpoint());
        producer = clients.producer().group("send-modes").build();
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void syncSendRoundTripsTagKeysPropertiesAndBody(EmbeddedBroker broker) {
        Message message = Message.builder("RoundTrip").tag("TagA").keys("order-1", "user-7")
                .property("color", "blue").property("size", "XL").body("héllo wörld").build();
        SendResult result = producer.send(message);

        List<MessageView> got = drain("RoundTrip", 1);
        MessageView view = got.get(0);
        assertThat(view.messageId()).isEqualTo(result.messageId()).hasSize(32);
        assertThat(view.topic()).isEqualTo("RoundTrip");
        assertThat(view.tag()).isEqualTo("TagA");
        assertThat(view.keys()).containsExactly("order-1", "user-7");
        assertThat(view.properties()).isEqualTo(Map.of("color", "blue", "size", "XL"));
        assertThat(view.bodyAsString()).isEqualTo("héllo wörld");
        assertThat(view.queue()).isEqualTo(result.queue());
        assertThat(view.queueOffset()).isEqualTo(result.queueOffset());
        assertThat(view.storeTimestamp()).isGreaterThanOrEqualTo(view.bornTimestamp());
        assertThat(view.reconsumeTimes()).isZero();
        assertThat(broker.admin().findById(result.messageId())).isPresent();
        assertThat(broker.admin().findByKey("RoundTrip", "user-7", 10)).hasSize(1);
    }

    @Test
    void messageIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(producer.send(Message.of("Unique", "m" + i)).messageId());
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void asyncSendCompletes() {
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            futures.add(producer.sendAsync(Message.of("Async", "a" + i)));
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).join();
        assertThat(drain("Async", 100)).hasSize(100);
    }

    @Test
    void onewaySendStoresEveryMessage() {
        for (int i = 0; i < 100; i++) {
            producer.sendOneway(Message.of("Oneway", "o" + i));
        }
        assertThat(producer.onewayFailures()).isZero();
        assertThat(drain("Oneway", 100)).hasSize(100);
    }

    @Test
    void batchLandsInOneQueueAtConsecutiveOffsets() {
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(Message.builder("Batch").tag("T" + i).body("b" + i).build());
        }
        List<SendResult> results = producer.send(batch);
        assertThat(results).hasSize(10);
        for (int i = 1; i < 10; i++) {
            assertThat(results.get(i).queue()).isEqualTo(results.get(0).queue());
            assertThat(results.get(i).queueOffset()).isEqualTo(results.get(0).queueOffset() + i);
        }
        List<MessageView> got = drain("Batch", 10);
        assertThat(got).extracting(MessageView::bodyAsString).containsExactly(
                "b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9");
        assertThat(got).extracting(MessageView::tag).containsExactly("T0", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9");
    }

    /** Reads every queue of the topic from the start until {@code expected} messages came. */
    private List<MessageView> drain(String topic, int expected) {
        try (PullConsumer consumer = clients.pullConsumer().group("drain-" + topic)
                .consumeFromWhere(ConsumeFromWhere.FIRST).build()) {
            List<MessageQueue> queues = consumer.queues(topic);
            consumer.assign(queues);
            List<MessageView> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (all.size() < expected && System.nanoTime() < deadline) {
                all.addAll(consumer.poll(Duration.ofMillis(100)));
            }
            return all;
        }
    }
}
