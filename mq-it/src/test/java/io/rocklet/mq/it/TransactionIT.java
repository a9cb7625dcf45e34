package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.InvalidMessageException;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.TransactionProducer;
import io.rocklet.mq.api.TransactionResolution;
import io.rocklet.mq.api.TransactionResult;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Transactional messages: commit, rollback, unknown resolved by a check, a throwing checker, a
 * second producer of the group answering for a closed one, and the check limit. Consumers never
 * see a rolled-back or unresolved message.
 */
class TransactionIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private EmbeddedBroker broker;
    private Clients clients;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void setUp() {
        broker = EmbeddedBroker.builder().transactionCheckImmunity(Duration.ofMillis(100))
                .transactionCheckInterval(Duration.ofMillis(100)).transactionCheckMax(3).build().start();
        clients = broker.clients();
        clients.pushConsumer().group("tx-consumers").subscribe("Orders", "*")
                .listener(m -> {
                    seen.add(m.bodyAsString());
                    return ConsumeResult.SUCCESS;
                }).build();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        clients.close();
        broker.close();
        RockletExtension.assertNothingLeaked("TransactionIT");
    }

    private TransactionProducer producer(String group, Map<String, TransactionResolution> answers, AtomicInteger checks) {
        return clients.transactionProducer().group(group)
                .checker(m -> {
                    checks.incrementAndGet();
                    TransactionResolution answer = answers.get(m.bodyAsString());
                    if (answer == null) {
                        throw new IllegalStateException("the order table is not reachable");
                    }
                    return answer;
                }).build();
    }

    /** A normal message sent after the others: once it is seen, earlier committed ones are too. */
    private void sendSentinelAndAwait(String body) {
        Producer plain = clients.producer().build();
        plain.send(Message.of("Orders", body));
        await().atMost(WAIT).until(() -> seen.contains(body));
    }

    @Test
    void commitDeliversAndRollbackDoesNot() {
        TransactionProducer producer = producer("tx-a", Map.of(), new AtomicInteger());
        TransactionResult committed = producer.send(Message.of("Orders", "order-1"), (m, arg) -> TransactionResolution.COMMIT, null);
        TransactionResult rolledBack = producer.send(Message.of("Orders", "order-2"), (m, arg) -> TransactionResolution.ROLLBACK, null);
        assertThat(committed.resolution()).isEqualTo(TransactionResolution.COMMIT);
        assertThat(rolledBack.resolution()).isEqualTo(TransactionResolution.ROLLBACK);
        await().atMost(WAIT).until(() -> seen.contains("order-1"));
        sendSentinelAndAwait("after");
        assertThat(seen).doesNotContain("order-2");
    }

    @Test
    void unknownIsResolvedByTheChecker() {
        AtomicInteger checks = new AtomicInteger();
        Map<String, TransactionResolution> answers = Map.of("order-3", TransactionResolution.COMMIT,
                "order-4", TransactionResolution.ROLLBACK);
        TransactionProducer producer = producer("tx-b", answers, checks);
        producer.send(Message.of("Orders", "order-3"), (m, arg) -> TransactionResolution.UNKNOWN, null);
        producer.send(Message.of("Orders", "order-4"), (m, arg) -> {
            throw new IllegalStateException("crashed mid-transaction"); // counts as unknown
        }, null);
        assertThat(seen).doesNotContain("order-3"); // unresolved: invisible
        await().atMost(WAIT).until(() -> seen.contains("order-3"));
        await().atMost(WAIT).until(() -> checks.get() >= 2);
        sendSentinelAndAwait("after-checks");
        assertThat(seen).doesNotContain("order-4");
    }

    @Test
    void aThrowingCheckerIsAskedAgain() {
        Map<String, TransactionResolution> answers = new ConcurrentHashMap<>();
        AtomicInteger checks = new AtomicInteger();
        TransactionProducer producer = producer("tx-c", answers, checks);
        producer.send(Message.of("Orders", "order-5"), (m, arg) -> TransactionResolution.UNKNOWN, null);
        await().atMost(WAIT).until(() -> checks.get() >= 1); // threw: still unknown
        answers.put("order-5", TransactionResolution.COMMIT);
        await().atMost(WAIT).until(() -> seen.contains("order-5"));
    }

    @Test
    void anotherProducerOfTheGroupAnswersForAClosedOne() {
        AtomicInteger firstChecks = new AtomicInteger();
        TransactionProducer first = producer("tx-d", Map.of(), firstChecks);
        first.send(Message.of("Orders", "order-6"), (m, arg) -> TransactionResolution.UNKNOWN, null);
        first.close();
        AtomicInteger secondChecks = new AtomicInteger();
        TransactionProducer second = producer("tx-d", Map.of("order-6", TransactionResolution.COMMIT), secondChecks);
        second.send(Message.of("Orders", "order-7"), (m, arg) -> TransactionResolution.COMMIT, null); // joins the group
        await().atMost(WAIT).until(() -> seen.contains("order-6"));
        assertThat(secondChecks.get()).isPositive();
        assertThat(firstChecks.get()).isZero();
    }

    @Test
    void afterTheLastCheckTheMessageIsRolledBackAndListed() {
        AtomicInteger checks = new AtomicInteger();
        TransactionProducer producer = producer("tx-e", Map.of("order-8", TransactionResolution.UNKNOWN), checks);
        TransactionResult result = producer.send(Message.of("Orders", "order-8"), (m, arg) -> TransactionResolution.UNKNOWN, null);
        await().atMost(WAIT).until(() -> !broker.admin().abandonedTransactions().isEmpty());
        MessageView abandoned = broker.admin().abandonedTransactions().get(0);
        assertThat(abandoned.messageId()).isEqualTo(result.sendResult().messageId());
        assertThat(abandoned.topic()).isEqualTo("Orders");
        assertThat(checks.get()).isEqualTo(3);
        sendSentinelAndAwait("after-limit");
        assertThat(seen).doesNotContain("order-8");
    }

    @Test
    void delayedMessagesCannotBeTransactional() {
        TransactionProducer producer = producer("tx-f", Map.of(), new AtomicInteger());
        Message delayed = Message.builder("Orders").body("later").delay(Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> producer.send(delayed, (m, arg) -> TransactionResolution.COMMIT, null))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("delayed");
    }
}
