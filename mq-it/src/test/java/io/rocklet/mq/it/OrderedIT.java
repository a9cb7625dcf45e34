package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ordered messages: same sharding key, same queue; orderly consumers keep per-key order through rebalances. */
class OrderedIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private EmbeddedBroker broker;
    private Clients clients;

    @BeforeEach
    void setUp() {
        broker = EmbeddedBroker.builder().retrySchedule(RockletExtension.TEST_RETRY_SCHEDULE).build().start();
        clients = broker.clients();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        clients.close();
        broker.close();
        RockletExtension.assertNothingLeaked("OrderedIT");
    }

    @Test
    void aShardingKeyAlwaysLandsInTheSameQueueAndASelectorIsObeyed() {
        broker.admin().createTopic("Sharded", 8);
        Producer producer = clients.producer().build();
        Map<String, MessageQueue> queueOfKey = new ConcurrentHashMap<>();
        for (int i = 0; i < 200; i++) {
            String key = "order-" + (i % 20);
            SendResult result = producer.send(Message.builder("Sharded").shardingKey(key).body("m" + i).build());
            assertThat(queueOfKey.computeIfAbsent(key, k -> result.queue())).isEqualTo(result.queue());
            assertThat(result.queue().queueId()).isEqualTo(Math.abs(key.hashCode() % 8));
        }
        SendResult selected = producer.send(Message.of("Sharded", "x"), (queues, message, arg) -> queues.get((Integer) arg), 5);
        assertThat(selected.queue().queueId()).isEqualTo(5);
    }

    @Test
    void perKeyOrderHoldsWhileMembersJoinAndLeave() {
        int keys = 1000;
        int perKey = 50;
        broker.admin().createTopic("Lifecycle", 8);
        Map<Integer, List<Integer>> seenByKey = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> inListener = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        List<PushConsumer> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(orderlyMember(seenByKey, inListener, overlaps));
        }
        Producer producer = clients.producer().build();
        for (int seq = 0; seq < perKey; seq++) {
            for (int key = 0; key < keys; key++) {
                producer.send(Message.builder("Lifecycle").shardingKey("order-" + key).body(key + ":" + seq).build());
            }
            if (seq == perKey / 3) {
                members.add(orderlyMember(seenByKey, inListener, overlaps)); // one joins
            }
            if (seq == 2 * perKey / 3) {
                members.remove(0).close(); // one leaves
            }
        }
        await().atMost(WAIT).until(() -> seenByKey.size() == keys
                && seenByKey.values().stream().allMatch(l -> l.stream().distinct().count() == perKey));
        members.forEach(PushConsumer::close);

        long repeats = 0;
        for (Map.Entry<Integer, List<Integer>> e : seenByKey.entrySet()) {
            List<Integer> seen = e.getValue();
            int highest = -1;
            for (int seq : seen) {
                assertThat(seq).as("key %d saw %s: a message may repeat a suffix, never skip ahead", e.getKey(), seen)
                        .isLessThanOrEqualTo(highest + 1);
                highest = Math.max(highest, seq);
            }
            repeats += seen.size() - perKey;
        }
        assertThat(overlaps.get()).as("a queue consumed by two listeners at once").isZero();
        System.out.println("OrderedIT: " + keys + " keys x " + perKey + " messages, 3 members + 1 joining + 1 leaving: "
                + repeats + " repeated deliveries, per-key order kept");
    }

    private PushConsumer orderlyMember(Map<Integer, List<Integer>> seenByKey, Map<Integer, AtomicInteger> inListener,
                                       AtomicInteger overlaps) {
        return clients.pushConsumer().group("lifecycle").subscribe("Lifecycle", "*").consumeOrderly(true)
                .rebalanceInterval(Duration.ofMillis(200))
                .listener(m -> {
                    AtomicInteger busy = inListener.computeIfAbsent(m.queue().queueId(), q -> new AtomicInteger());
                    if (busy.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    try {
                        String[] parts = m.bodyAsString().split(":");
                        seenByKey.computeIfAbsent(Integer.parseInt(parts[0]), k -> new CopyOnWriteArrayList<>())
                                .add(Integer.parseInt(parts[1]));
                        return ConsumeResult.SUCCESS;
                    } finally {
                        busy.decrementAndGet();
                    }
                }).build();
    }

    @Test
    void aFailingMessageSuspendsItsQueueOnlyThenGoesToTheDeadLetterQueue() {
        broker.admin().createTopic("Suspend", 2);
        List<String> seen = new CopyOnWriteArrayList<>();
        clients.pushConsumer().group("suspending").subscribe("Suspend", "*").consumeOrderly(true)
                .suspendTime(Duration.ofMillis(100)).maxReconsumeTimes(2)
                .listener(m -> {
                    seen.add(m.bodyAsString());
                    return m.bodyAsString().equals("poison") ? ConsumeResult.SUSPEND_QUEUE : ConsumeResult.SUCCESS;
                }).build();
        Producer producer = clients.producer().build();
        MessageQueue q0 = new MessageQueue("Suspend", broker.name(), 0);
        MessageQueue q1 = new MessageQueue("Suspend", broker.name(), 1);
        producer.send(Message.of("Suspend", "poison"), (queues, m, arg) -> q0, null);
        producer.send(Message.of("Suspend", "behind-poison"), (queues, m, arg) -> q0, null);
        producer.send(Message.of("Suspend", "other-queue"), (queues, m, arg) -> q1, null);

        await().atMost(WAIT).until(() -> seen.contains("behind-poison"));
        assertThat(seen.stream().filter("poison"::equals).count()).as("first delivery + 2 retries").isEqualTo(3);
        assertThat(seen.indexOf("behind-poison")).isGreaterThan(seen.lastIndexOf("poison"));
        assertThat(seen.indexOf("other-queue")).as("the other queue did not wait").isLessThan(seen.lastIndexOf("poison"));
        await().atMost(WAIT).until(() -> broker.admin().deadLetters("suspending", 10).size() == 1);
        assertThat(broker.admin().deadLetters("suspending", 10).get(0).bodyAsString()).isEqualTo("poison");
    }
}
