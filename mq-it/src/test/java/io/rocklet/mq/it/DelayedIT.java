package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.InvalidMessageException;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Delayed and scheduled messages: never early, on time under light load, intact. */
@ExtendWith(RockletExtension.class)
class DelayedIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private Clients clients;
    private Producer producer;
    private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
    private final Map<String, MessageView> received = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp(EmbeddedBroker broker) {
        clients = broker.clients();
        producer = clients.producer().build();
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private void consume(String topic) {
        clients.pushConsumer().group(topic + "-group").subscribe(topic, "*")
                .listener(m -> {
                    receivedAt.put(m.messageId(), System.currentTimeMillis());
                    received.put(m.messageId(), m);
                    return ConsumeResult.SUCCESS;
                }).build();
    }

    @Test
    void delayedMessagesAreNeverEarlyAndOnTimeUnderLightLoad() {
        consume("Delayed");
        long seed = Long.getLong("rocklet.seed", System.nanoTime());
        System.out.println("DelayedIT seed " + seed + " (rerun with -Drocklet.seed=" + seed + ")");
        Random random = new Random(seed);
        Map<String, Long> dueAt = new ConcurrentHashMap<>();
        for (int i = 0; i < 200; i++) {
            Message message = Message.builder("Delayed").tag("later").keys("job-" + i).property("n", "" + i)
                    .body("job " + i).delay(Duration.ofMillis(50 + random.nextInt(450))).build();
            long before = System.currentTimeMillis();
            SendResult result = producer.send(message);
            dueAt.put(result.messageId(), before + message.delayMs());
        }
        await().atMost(WAIT).until(() -> received.size() == 200);
        List<Long> lateness = new ArrayList<>();
        received.forEach((id, m) -> {
            assertThat(receivedAt.get(id)).as("never before its time").isGreaterThanOrEqualTo(m.deliverAtMs());
            assertThat(m.deliverAtMs()).isGreaterThanOrEqualTo(dueAt.get(id));
            lateness.add(receivedAt.get(id) - m.deliverAtMs());
            int n = Integer.parseInt(m.property("n"));
            assertThat(m.keys()).containsExactly("job-" + n);
            assertThat(m.tag()).isEqualTo("later");
            assertThat(m.topic()).isEqualTo("Delayed");
            assertThat(m.bodyAsString()).isEqualTo("job " + n);
        });
        lateness.sort(null);
        long p50 = lateness.get(lateness.size() / 2);
        long p99 = lateness.get(lateness.size() * 99 / 100);
        System.out.println("DelayedIT lateness over 200 messages: p50 " + p50 + " ms, p99 " + p99 + " ms, max "
                + lateness.get(lateness.size() - 1) + " ms");
        assertThat(p99).as("generous bound for a shared CI machine").isLessThan(500);
    }

    @Test
    void scheduledAtATimeAndDelayLevelsAndPastTimes() {
        consume("Scheduled");
        Instant at = Instant.now().plusMillis(300);
        SendResult scheduled = producer.send(Message.builder("Scheduled").body("at").deliverAt(at).build());
        SendResult leveled = producer.send(Message.builder("Scheduled").body("level 1").delayLevel(1).build());
        SendResult past = producer.send(Message.builder("Scheduled").body("past").deliverAt(Instant.now().minusSeconds(60)).build());
        assertThat(scheduled.queueOffset()).as("not in its queue yet").isEqualTo(-1);
        await().atMost(WAIT).until(() -> received.containsKey(past.messageId()));
        assertThat(received).doesNotContainKey(scheduled.messageId());
        await().atMost(WAIT).until(() -> received.size() == 3);
        assertThat(receivedAt.get(scheduled.messageId())).isGreaterThanOrEqualTo(at.toEpochMilli());
        assertThat(received.get(scheduled.messageId()).deliverAtMs()).isEqualTo(at.toEpochMilli());
        assertThat(receivedAt.get(leveled.messageId()) - received.get(leveled.messageId()).bornTimestamp())
                .as("level 1 is one second").isGreaterThanOrEqualTo(1000);
        assertThat(received.get(past.messageId()).deliverAtMs()).isZero();
    }

    @Test
    void invalidDelaysAreRejectedWithTheValue() {
        assertThatThrownBy(() -> Message.builder("T").body("x").delay(Duration.ofMillis(-1)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> Message.builder("T").body("x").delay(Duration.ofDays(41)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("40 days");
        assertThatThrownBy(() -> Message.builder("T").body("x").deliverAt(Instant.now().plus(Duration.ofDays(41))))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("40 days");
        assertThatThrownBy(() -> Message.builder("T").body("x").delayLevel(0))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining(": 0");
        assertThatThrownBy(() -> Message.builder("T").body("x").delayLevel(19))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining(": 19");
        Message delayed = Message.builder("T").body("x").delay(Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> producer.send(List.of(delayed)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("batch");
    }
}
