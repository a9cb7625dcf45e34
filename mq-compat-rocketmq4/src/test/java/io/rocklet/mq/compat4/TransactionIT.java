package io.rocklet.mq.compat4;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link TransactionMQProducer}: a committed half message is delivered, a rolled-back one never
 * is, and one left {@code UNKNOW} is delivered once the broker's check-back (shortened here)
 * asks the producer and it answers commit.
 */
class TransactionIT {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp()
                .transactionCheckImmunity(Duration.ofSeconds(1)) // longer than a send and its END_TRANSACTION take
                .transactionCheckInterval(Duration.ofMillis(200))
                .build().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** Decides by the message key: "commit", "rollback" or "unknown"; every check-back commits. */
    private static final class Listener implements TransactionListener {
        final List<MessageExt> checked = new CopyOnWriteArrayList<>();

        @Override
        public LocalTransactionState executeLocalTransaction(Message message, Object arg) {
            return switch (message.getKeys()) {
                case "commit" -> LocalTransactionState.COMMIT_MESSAGE;
                case "rollback" -> LocalTransactionState.ROLLBACK_MESSAGE;
                default -> LocalTransactionState.UNKNOW;
            };
        }

        @Override
        public LocalTransactionState checkLocalTransaction(MessageExt message) {
            checked.add(message);
            return LocalTransactionState.COMMIT_MESSAGE;
        }
    }

    @Test
    void commitRollbackAndCheckBack() throws Exception {
        try (OfficialClients clients = new OfficialClients(broker)) {
            Listener listener = new Listener();
            TransactionMQProducer producer = clients.transactionProducer("tx-producer");
            producer.setTransactionListener(listener);
            producer.start();
            Inbox inbox = new Inbox();
            DefaultMQPushConsumer consumer = clients.pushConsumer("tx-consumer");
            consumer.subscribe("Payments", "*");
            consumer.registerMessageListener(inbox);
            consumer.start();

            TransactionSendResult commit = send(producer, "commit");
            TransactionSendResult rollback = send(producer, "rollback");
            TransactionSendResult unknown = send(producer, "unknown");
            assertThat(commit.getLocalTransactionState()).isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
            assertThat(rollback.getLocalTransactionState()).isEqualTo(LocalTransactionState.ROLLBACK_MESSAGE);
            assertThat(unknown.getLocalTransactionState()).isEqualTo(LocalTransactionState.UNKNOW);

            await().atMost(Duration.ofSeconds(20)).until(() -> inbox.keys().containsAll(Set.of("commit", "unknown")));
            assertThat(inbox.byKey("commit").getMsgId()).isEqualTo(commit.getMsgId());
            assertThat(inbox.byKey("commit").getTransactionId()).isEqualTo(commit.getMsgId());
            assertThat(new String(inbox.byKey("commit").getBody(), StandardCharsets.UTF_8)).isEqualTo("pay commit");
            assertThat(inbox.byKey("unknown").getMsgId()).isEqualTo(unknown.getMsgId());
            assertThat(listener.checked).extracting(MessageExt::getKeys).contains("unknown").doesNotContain("commit", "rollback");
            // A checked message is decoded as stored: its msgId is the offset id, its transaction id the unique one.
            assertThat(listener.checked.get(0).getTransactionId()).isEqualTo(unknown.getMsgId());
            assertThat(listener.checked.get(0).getTopic()).isEqualTo("Payments");
            // The rolled-back message never reached its topic: only the half message was ever stored.
            assertThat(inbox.keys()).doesNotContain("rollback");
            assertThat(storedInTopic("rollback")).isZero();
            assertThat(storedInTopic("unknown")).isOne();
            assertThat(broker.admin().abandonedTransactions()).isEmpty();
        }
    }

    /** Copies of the message with the key stored in the topic itself (not as a half message). */
    private static long storedInTopic(String key) {
        return broker.admin().findByKey("Payments", key, 10).stream().filter(m -> m.queue().topic().equals("Payments")).count();
    }

    private static TransactionSendResult send(TransactionMQProducer producer, String key) throws Exception {
        TransactionSendResult result = producer.sendMessageInTransaction(
                new Message("Payments", "TagA", key, ("pay " + key).getBytes(StandardCharsets.UTF_8)), null);
        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        return result;
    }
}
