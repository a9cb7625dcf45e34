package io.rocklet.mq.compat4.ons;

import com.aliyun.openservices.ons.api.Consumer;
import com.aliyun.openservices.ons.api.Message;
import com.aliyun.openservices.ons.api.SendResult;
import com.aliyun.openservices.ons.api.transaction.LocalTransactionChecker;
import com.aliyun.openservices.ons.api.transaction.TransactionProducer;
import com.aliyun.openservices.ons.api.transaction.TransactionStatus;
import io.rocklet.mq.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * ONS {@link TransactionProducer} with a {@link LocalTransactionChecker}: a committed half message
 * is delivered, a rolled-back one never is (the SDK then throws from {@code send}), and one left
 * {@code Unknow} is delivered once the broker's check-back (shortened here) asks the checker and
 * it answers commit.
 */
class OnsTransactionIT {
    private static final String TOPIC = "OnsPayments";
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp()
                .transactionCheckImmunity(Duration.ofSeconds(1)) // longer than a send and its END_TRANSACTION take
                .transactionCheckInterval(Duration.ofMillis(200))
                .build().start();
        // The consumer starts first: it must find the topic then, not at its next route poll 30 s on.
        broker.admin().createTopic(TOPIC, 4);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** Every check-back commits; remembers what it was asked about. */
    private static final class Checker implements LocalTransactionChecker {
        final List<Message> checked = new CopyOnWriteArrayList<>();

        @Override
        public TransactionStatus check(Message message) {
            checked.add(message);
            return TransactionStatus.CommitTransaction;
        }
    }

    @Test
    void commitRollbackAndCheckBack() throws Exception {
        try (OnsClients clients = new OnsClients(broker)) {
            Checker checker = new Checker();
            TransactionProducer producer = clients.transactionProducer("GID_ons_tx_producer", checker);
            OnsInbox inbox = new OnsInbox();
            Consumer consumer = clients.consumer("GID_ons_tx_consumer");
            consumer.subscribe(TOPIC, "*", inbox);
            consumer.start();

            Message commit = message("commit");
            SendResult committed = producer.send(commit, (message, arg) -> TransactionStatus.CommitTransaction, null);
            Message rollback = message("rollback");
            assertThatThrownBy(() -> producer.send(rollback, (message, arg) -> TransactionStatus.RollbackTransaction, null))
                    .hasMessageContaining("rollback");
            Message unknown = message("unknown");
            SendResult unresolved = producer.send(unknown, (message, arg) -> TransactionStatus.Unknow, null);
            assertThat(committed.getMessageId()).isEqualTo(commit.getMsgID());
            assertThat(unresolved.getMessageId()).isEqualTo(unknown.getMsgID());

            await().atMost(Duration.ofSeconds(20)).until(() -> inbox.keys().containsAll(Set.of("commit", "unknown")));
            assertThat(inbox.byKey("commit").getMsgID()).isEqualTo(committed.getMessageId());
            assertThat(new String(inbox.byKey("commit").getBody(), StandardCharsets.UTF_8)).isEqualTo("pay commit");
            assertThat(inbox.byKey("unknown").getMsgID()).isEqualTo(unresolved.getMessageId());
            assertThat(inbox.byKey("unknown").getUserProperties("color")).isEqualTo("green");
            assertThat(checker.checked).extracting(Message::getKey).contains("unknown").doesNotContain("commit", "rollback");
            Message checked = checker.checked.get(0);
            assertThat(checked.getMsgID()).isEqualTo(unresolved.getMessageId());
            assertThat(checked.getTopic()).isEqualTo(TOPIC);
            assertThat(checked.getUserProperties("color")).isEqualTo("green");
            // The rolled-back message never reached its topic: only the half message was ever stored.
            assertThat(inbox.keys()).doesNotContain("rollback");
            assertThat(storedInTopic("rollback")).isZero();
            assertThat(storedInTopic("unknown")).isOne();
            assertThat(broker.admin().abandonedTransactions()).isEmpty();
        }
    }

    private static Message message(String key) {
        Message message = new Message(TOPIC, "TagA", key, ("pay " + key).getBytes(StandardCharsets.UTF_8));
        message.putUserProperties("color", "green");
        return message;
    }

    /** Copies of the message with the key stored in the topic itself (not as a half message). */
    private static long storedInTopic(String key) {
        return broker.admin().findByKey(TOPIC, key, 10).stream().filter(m -> m.queue().topic().equals(TOPIC)).count();
    }
}
