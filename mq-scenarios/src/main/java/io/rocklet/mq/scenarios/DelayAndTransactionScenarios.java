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

    /**
     * A checker answers from the local transaction's record, as it must: a broker may ask about a
     * message whose decision it has not recorded yet (Apache RocketMQ writes decisions in batches),
     * so a committed message may be committed, and delivered, twice.
     */
    @Test
    void commitDeliversRollbackDoesNotAndUnknownIsAskedAgain() {
        String topic = topic("Tx", 2);
        Map<String, TransactionResolution> local = new ConcurrentHashMap<>();
        TransactionProducer producer = clients.transactionProducer().group(name("tpg"))
                .heartbeatInterval(Duration.ofSeconds(1))
                .checker(half -> local.getOrDefault(half.bodyAsString(), TransactionResolution.COMMIT)).build();
        List<MessageView> received = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer ignored = pushConsumer(clients, name("cg"), topic, "*").listener(m -> {
            received.add(m);
            return ConsumeResult.SUCCESS;
        }).build()) {
            for (TransactionResolution outcome : List.of(TransactionResolution.COMMIT, TransactionResolution.ROLLBACK,
                    TransactionResolution.UNKNOWN)) {
                String body = outcome.name().toLowerCase();
                assertThat(producer.send(Message.of(topic, body), (m, arg) -> {
                    if (outcome != TransactionResolution.UNKNOWN) {
                        local.put(body, outcome);
                    }
                    return outcome;
                }, null).resolution()).isEqualTo(outcome);
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> bodies(received).containsAll(List.of("commit", "unknown")));
        } finally {
            producer.close();
        }
        assertThat(bodies(received)).doesNotContain("rollback");
    }
}
