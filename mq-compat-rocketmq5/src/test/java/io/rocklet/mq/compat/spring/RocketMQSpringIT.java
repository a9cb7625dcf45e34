package io.rocklet.mq.compat.spring;

import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.NameServer;
import io.rocklet.mq.testkit.RockletBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.spring.annotation.ConsumeMode;
import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.annotation.RocketMQTransactionListener;
import org.apache.rocketmq.spring.core.RocketMQListener;
import org.apache.rocketmq.spring.core.RocketMQLocalTransactionListener;
import org.apache.rocketmq.spring.core.RocketMQLocalTransactionState;
import org.apache.rocketmq.spring.core.RocketMQPushConsumerLifecycleListener;
import org.apache.rocketmq.spring.core.RocketMQTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * rocketmq-spring-boot-starter on Spring Boot 3 against Rocklet's TCP endpoint, set up the way an
 * application tests itself: {@link RockletBroker} is declared before {@link SpringBootTest}, so its
 * extension starts the broker and publishes {@code rocketmq.name-server} before the Spring context
 * is created (the context is only created for the first test instance, after all beforeAll
 * callbacks), and, running its afterAll last, closes the broker only after {@link DirtiesContext}
 * closed the context and its RocketMQ clients.
 */
@RockletBroker(tcp = true, nameServerProperty = "rocketmq.name-server")
@SpringBootTest(classes = RocketMQSpringIT.App.class, properties = {
        "rocketmq.producer.group=spring-producer",
        "rocketmq.producer.send-message-timeout=5000"})
@DirtiesContext
class RocketMQSpringIT {
    static final String PLAIN = "SpringPlain";
    static final String ORDERED = "SpringOrdered";
    static final String PAYMENTS = "SpringPayments";
    static final int KEYS = 4;
    static final int STEPS = 10;
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Runs after the extension started the broker and before the context exists. */
    @BeforeAll
    static void createTopics(EmbeddedBroker broker, NameServer nameServer) {
        assertThat(System.getProperty("rocketmq.name-server")).isEqualTo(nameServer.address());
        broker.admin().createTopic(PLAIN, 4);
        broker.admin().createTopic(ORDERED, 4);
        broker.admin().createTopic(PAYMENTS, 4);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({PlainListener.class, OrderedListener.class, PaymentsListener.class, Transactions.class})
    static class App {
    }

    /**
     * Listener containers start from the queue's first offset (topics are fresh per class), so
     * nothing sent before their first rebalance is skipped, and poll routes and heartbeat often.
     */
    abstract static class Received implements RocketMQPushConsumerLifecycleListener {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void prepareStart(DefaultMQPushConsumer consumer) {
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.setPollNameServerInterval(200);
            consumer.setHeartbeatBrokerInterval(500);
            consumer.setPersistConsumerOffsetInterval(100);
        }
    }

    @RocketMQMessageListener(topic = PLAIN, consumerGroup = "spring-plain-consumer")
    static class PlainListener extends Received implements RocketMQListener<String> {
        @Override
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    @RocketMQMessageListener(topic = ORDERED, consumerGroup = "spring-ordered-consumer", consumeMode = ConsumeMode.ORDERLY)
    static class OrderedListener extends Received implements RocketMQListener<String> {
        @Override
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    @RocketMQMessageListener(topic = PAYMENTS, consumerGroup = "spring-payments-consumer")
    static class PaymentsListener extends Received implements RocketMQListener<String> {
        @Override
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    /** Commits every local transaction; a check-back (not expected here) would commit too. */
    @RocketMQTransactionListener
    static class Transactions implements RocketMQLocalTransactionListener {
        final List<Object> executed = new CopyOnWriteArrayList<>();

        @Override
        public RocketMQLocalTransactionState executeLocalTransaction(Message message, Object arg) {
            executed.add(arg);
            return RocketMQLocalTransactionState.COMMIT;
        }

        @Override
        public RocketMQLocalTransactionState checkLocalTransaction(Message message) {
            return RocketMQLocalTransactionState.COMMIT;
        }
    }

    @Autowired
    RocketMQTemplate template;
    @Autowired
    PlainListener plain;
    @Autowired
    OrderedListener ordered;
    @Autowired
    PaymentsListener payments;
    @Autowired
    Transactions transactions;

    @Test
    void syncSendReachesAConcurrentListener() {
        SendResult result = template.syncSend(PLAIN, "sync-1");
        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        await().atMost(WAIT).untilAsserted(() -> assertThat(plain.messages).contains("sync-1"));
    }

    @Test
    void asyncSendAndSendOneWayReachTheListener() throws Exception {
        CompletableFuture<SendResult> sent = new CompletableFuture<>();
        template.asyncSend(PLAIN, "async-1", new SendCallback() {
            @Override
            public void onSuccess(SendResult result) {
                sent.complete(result);
            }

            @Override
            public void onException(Throwable e) {
                sent.completeExceptionally(e);
            }
        });
        template.sendOneWay(PLAIN, "oneway-1");
        assertThat(sent.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        await().atMost(WAIT).untilAsserted(() -> assertThat(plain.messages).contains("async-1", "oneway-1"));
    }

    @Test
    void syncSendOrderlyKeepsEachKeysOrderForAnOrderlyListener() {
        for (int step = 0; step < STEPS; step++) {
            for (int key = 0; key < KEYS; key++) {
                SendResult result = template.syncSendOrderly(ORDERED, "key" + key + ":" + step, "key" + key);
                assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            }
        }
        await().atMost(WAIT).until(() -> ordered.messages.size() >= KEYS * STEPS);
        Map<String, List<Integer>> stepsByKey = ordered.messages.stream().map(m -> m.split(":"))
                .collect(Collectors.groupingBy(p -> p[0], Collectors.mapping(p -> Integer.parseInt(p[1]), Collectors.toList())));
        List<Integer> inOrder = IntStream.range(0, STEPS).boxed().toList();
        assertThat(stepsByKey).hasSize(KEYS);
        stepsByKey.values().forEach(steps -> assertThat(steps).isEqualTo(inOrder));
    }

    @Test
    void aCommittedTransactionalSendIsDelivered() {
        Message<String> message = MessageBuilder.withPayload("payment-1").build();
        TransactionSendResult result = template.sendMessageInTransaction(PAYMENTS, message, "order-1");
        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(result.getLocalTransactionState()).isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
        assertThat(transactions.executed).containsExactly("order-1");
        await().atMost(WAIT).untilAsserted(() -> assertThat(payments.messages).containsExactly("payment-1"));
    }
}
