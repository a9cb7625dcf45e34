package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageListener;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.client.idempotency.DedupStore;
import io.rocklet.mq.client.idempotency.Idempotent;
import io.rocklet.mq.client.idempotency.JdbcDedupStore;
import io.rocklet.mq.client.idempotency.MemoryDedupStore;
import io.rocklet.mq.testkit.RockletExtension;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Duplicates (the same business key sent several times, as an application resending after a
 * timeout would) and redeliveries (a listener failing its first attempt) reach a consumer through
 * a real broker; wrapped with {@link Idempotent}, the business effect happens once per key and
 * group.
 */
@ExtendWith(RockletExtension.class)
class IdempotencyIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Clients clients;
    private Producer producer;

    enum Store {
        MEMORY, JDBC;

        DedupStore create() {
            if (this == MEMORY) {
                return new MemoryDedupStore();
            }
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:idempotency-it-" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
            JdbcDedupStore store = new JdbcDedupStore(h2);
            store.createTableIfMissing();
            return store;
        }
    }

    /** One consumer group's view: the business effect per key, and the deliveries it has settled. */
    private static final class Group {
        final Map<String, AtomicInteger> appliedPerKey = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> attemptsPerMessage = new ConcurrentHashMap<>();
        final Set<String> settledMessageIds = ConcurrentHashMap.newKeySet();

        ConsumeResult apply(MessageView message) {
            appliedPerKey.computeIfAbsent(message.keys().get(0), k -> new AtomicInteger()).incrementAndGet();
            return ConsumeResult.SUCCESS;
        }

        /** Counts what the consumer sees of {@code idempotent}: every attempt, and the deliveries it acknowledged. */
        MessageListener observing(MessageListener idempotent) {
            return message -> {
                attemptsPerMessage.computeIfAbsent(message.messageId(), k -> new AtomicInteger()).incrementAndGet();
                ConsumeResult result = idempotent.consume(message);
                if (result == ConsumeResult.SUCCESS) {
                    settledMessageIds.add(message.messageId());
                }
                return result;
            };
        }

        int applied(String key) {
            AtomicInteger n = appliedPerKey.get(key);
            return n == null ? 0 : n.get();
        }
    }

    @BeforeEach
    void setUp(EmbeddedBroker broker) {
        clients = broker.clients();
        producer = clients.producer().group("idempotency-it").build();
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private void consume(String group, String topic, DedupStore store, MessageListener business, Group seen) {
        clients.pushConsumer().group(group).subscribe(topic, "*").consumeThreads(4)
                .listener(seen.observing(Idempotent.wrap(group, store, business)))
                .build();
    }

    /** Sends each order {@code copies} times, round after round; returns the message ids. */
    private Set<String> sendOrders(String topic, int orders, int copies) {
        Set<String> ids = new HashSet<>();
        for (int copy = 0; copy < copies; copy++) {
            for (int i = 0; i < orders; i++) {
                ids.add(producer.send(Message.builder(topic).keys("order-" + i).body("order " + i).build()).messageId());
            }
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void eachOrderIsAppliedOnceDespiteDuplicateSendsAndAFailedFirstAttempt(Store kind, EmbeddedBroker broker) {
        String topic = "Orders" + NEXT.incrementAndGet();
        broker.admin().createTopic(topic, 8);
        Group seen = new Group();
        AtomicInteger failingKeyAttempts = new AtomicInteger();
        consume("orders-" + kind, topic, kind.create(), message -> {
            if (message.keys().get(0).equals("order-7") && failingKeyAttempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt at order-7 fails (expected in this test)");
            }
            return seen.apply(message);
        }, seen);

        Set<String> sent = sendOrders(topic, 20, 3);

        await().atMost(WAIT).until(() -> seen.settledMessageIds.containsAll(sent));
        for (int i = 0; i < 20; i++) {
            assertThat(seen.applied("order-" + i)).as("order-%d applied", i).isEqualTo(1);
        }
        assertThat(failingKeyAttempts).as("order-7 ran again after failing").hasValue(2);
        assertThat(seen.attemptsPerMessage.keySet()).isEqualTo(sent);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aDuplicateDeliveredWhileTheFirstIsStillConsumingComesBackAndIsThenSkipped(Store kind, EmbeddedBroker broker)
            throws InterruptedException {
        String topic = "Slow" + NEXT.incrementAndGet();
        broker.admin().createTopic(topic, 2);
        Group seen = new Group();
        CountDownLatch duplicateToldToComeBack = new CountDownLatch(1);
        CountDownLatch firstInside = new CountDownLatch(1);
        MessageListener business = message -> {
            firstInside.countDown();
            try {
                // Hold the key until the other copy has been turned away.
                duplicateToldToComeBack.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return seen.apply(message);
        };
        MessageListener observed = seen.observing(Idempotent.wrap("slow-" + kind, kind.create(), business));
        clients.pushConsumer().group("slow-" + kind).subscribe(topic, "*").consumeThreads(4)
                .listener(message -> {
                    ConsumeResult result = observed.consume(message);
                    if (result == ConsumeResult.RECONSUME_LATER) {
                        duplicateToldToComeBack.countDown();
                    }
                    return result;
                }).build();

        SendResult first = producer.send(Message.builder(topic).keys("order-1").body("order 1").build());
        SendResult copy = producer.send(Message.builder(topic).keys("order-1").body("order 1").build());
        assertThat(first.queue()).as("round robin puts the copies on two queues").isNotEqualTo(copy.queue());

        assertThat(firstInside.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(duplicateToldToComeBack.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the copy was turned away while the first held the key").isTrue();
        await().atMost(WAIT).until(() -> seen.settledMessageIds.containsAll(List.of(first.messageId(), copy.messageId())));
        assertThat(seen.applied("order-1")).isEqualTo(1);
        assertThat(seen.attemptsPerMessage.values()).as("the turned-away copy was delivered again")
                .anySatisfy(attempts -> assertThat(attempts.get()).isGreaterThanOrEqualTo(2));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void twoGroupsSharingOneStoreEachApplyEveryOrderOnce(Store kind, EmbeddedBroker broker) {
        String topic = "Shared" + NEXT.incrementAndGet();
        broker.admin().createTopic(topic, 8);
        DedupStore store = kind.create();
        Group billing = new Group();
        Group shipping = new Group();
        consume("billing-" + kind, topic, store, billing::apply, billing);
        consume("shipping-" + kind, topic, store, shipping::apply, shipping);

        Set<String> sent = sendOrders(topic, 10, 3);

        await().atMost(WAIT).until(() -> billing.settledMessageIds.containsAll(sent)
                && shipping.settledMessageIds.containsAll(sent));
        for (Group group : List.of(billing, shipping)) {
            assertThat(group.appliedPerKey).hasSize(10);
            assertThat(group.appliedPerKey.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        }
    }
}
