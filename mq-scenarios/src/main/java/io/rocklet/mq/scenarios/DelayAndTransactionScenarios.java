package io.rocklet.mq.scenarios;

import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.TransactionProducer;
import io.rocklet.mq.api.TransactionResolution;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Delayed messages are never early; transactions commit, roll back, or are resolved by the checker. */
public abstract class DelayAndTransactionScenarios extends Scenarios {

    @Test
    void aMessageForATimeArrivesNotBeforeItAndADelayLevelArrives() {
        String topic = topic("Delayed", 2);
        Instant at = Instant.now().plusMillis(1500);
        var producer = clients.producer().group(name("pg")).build();
        producer.send(Message.builder(topic).deliverAt(at).body("at").build());
        producer.send(Message.builder(topic).delayLevel(1).body("level").build());
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        List<MessageView> received = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer ignored = pushConsumer(clients, name("cg"), topic, "*").listener(m -> {
            arrivals.put(m.bodyAsString(), System.currentTimeMillis());
            received.add(m);
            return ConsumeResult.SUCCESS;
        }).build()) {
            awaitCount(received, 2);
        }
        assertThat(arrivals.get("at")).isGreaterThanOrEqualTo(at.toEpochMilli());
        assertThat(arrivals).containsKey("level");
    }

    @Test
    void commitDeliversRollbackDoesNotAndUnknownIsAskedAgain() {
        String topic = topic("Tx", 2);
        Map<String, TransactionResolution> decided = new ConcurrentHashMap<>();
        TransactionProducer producer = clients.transactionProducer().group(name("tpg"))
                .heartbeatInterval(Duration.ofSeconds(1))
                .checker(half -> decided.getOrDefault(half.bodyAsString(), TransactionResolution.COMMIT)).build();
        List<MessageView> received = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer ignored = pushConsumer(clients, name("cg"), topic, "*").listener(m -> {
            received.add(m);
            return ConsumeResult.SUCCESS;
        }).build()) {
            assertThat(producer.send(Message.of(topic, "commit"), (m, arg) -> TransactionResolution.COMMIT, null).resolution())
                    .isEqualTo(TransactionResolution.COMMIT);
            producer.send(Message.of(topic, "rollback"), (m, arg) -> TransactionResolution.ROLLBACK, null);
            producer.send(Message.of(topic, "unknown"), (m, arg) -> TransactionResolution.UNKNOWN, null);
            awaitCount(received, 2);
        } finally {
            producer.close();
        }
        assertThat(bodies(received)).containsExactlyInAnyOrder("commit", "unknown");
    }
}
