package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(RockletExtension.class)
class PushConsumerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private Clients clients;
    private Producer producer;

    @BeforeEach
    void setUp(EmbeddedBroker broker) {
        clients = broker.clients();
        producer = clients.producer().group("push-it").build();
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private PushConsumer consumer(String group, String topic, String expression, MessageModel model,
                                  Map<String, Set<String>> seenBy, String name) {
        return clients.pushConsumer().group(group).subscribe(topic, expression).messageModel(model)
                .consumeThreads(4).rebalanceInterval(Duration.ofMillis(200))
                .listener(m -> {
                    seenBy.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(m.bodyAsString());
                    return ConsumeResult.SUCCESS;
                }).build();
    }

    /** The member's queues of topic Split (its assignment also holds its group's retry queue). */
    private static Set<MessageQueue> split(PushConsumer member) {
        Set<MessageQueue> queues = new HashSet<>(member.assignment());
        queues.removeIf(q -> !q.topic().equals("Split"));
        return queues;
    }

    private static Set<String> union(Map<String, Set<String>> seenBy) {
        Set<String> all = new HashSet<>();
        seenBy.values().forEach(all::addAll);
        return all;
    }

    private void send(String topic, int from, int to) {
        for (int i = from; i < to; i++) {
            producer.send(Message.of(topic, "m" + i));
        }
    }

    private static Set<String> expected(int from, int to) {
        Set<String> s = new HashSet<>();
        for (int i = from; i < to; i++) {
            s.add("m" + i);
        }
        return s;
    }

    @Test
    void threeMembersSplitEightQueuesAndTheRestTakeOverWhenOneLeaves(EmbeddedBroker broker) {
        broker.admin().createTopic("Split", 8);
        Map<String, Set<String>> seenBy = new ConcurrentHashMap<>();
        PushConsumer a = consumer("split-group", "Split", "*", MessageModel.CLUSTERING, seenBy, "a");
        PushConsumer b = consumer("split-group", "Split", "*", MessageModel.CLUSTERING, seenBy, "b");
        PushConsumer c = consumer("split-group", "Split", "*", MessageModel.CLUSTERING, seenBy, "c");
        await().atMost(WAIT).until(() -> split(a).size() + split(b).size() + split(c).size() == 8
                && !split(a).isEmpty() && !split(b).isEmpty() && !split(c).isEmpty());
        Set<MessageQueue> all = new HashSet<>(split(a));
        all.addAll(split(b));
        all.addAll(split(c));
        assertThat(all).hasSize(8);

        send("Split", 0, 300);
        await().atMost(WAIT).until(() -> union(seenBy).size() == 300);
        assertThat(seenBy.keySet()).containsExactlyInAnyOrder("a", "b", "c");

        c.close();
        await().atMost(WAIT).until(() -> split(a).size() + split(b).size() == 8);
        send("Split", 300, 600);
        await().atMost(WAIT).until(() -> union(seenBy).containsAll(expected(0, 600)));
    }

    @Test
    void broadcastingDeliversEveryMessageToEveryMember() {
        Map<String, Set<String>> seenBy = new ConcurrentHashMap<>();
        producer.send(Message.of("Broadcast", "warm-up")); // creates the topic
        List<PushConsumer> members = new ArrayList<>();
        for (String name : List.of("x", "y", "z")) {
            members.add(consumer("bc-group", "Broadcast", "*", MessageModel.BROADCASTING, seenBy, name));
        }
        await().atMost(WAIT).until(() -> members.stream().allMatch(m -> m.assignment().size() == 8));
        send("Broadcast", 0, 200);
        await().atMost(WAIT).until(() -> seenBy.size() == 3
                && seenBy.values().stream().allMatch(s -> s.containsAll(expected(0, 200))));
    }

    @Test
    void twoGroupsEachReceiveEveryMessage() {
        Map<String, Set<String>> seenBy = new ConcurrentHashMap<>();
        consumer("group-one", "TwoGroups", "*", MessageModel.CLUSTERING, seenBy, "one");
        consumer("group-two", "TwoGroups", "*", MessageModel.CLUSTERING, seenBy, "two");
        send("TwoGroups", 0, 200);
        await().atMost(WAIT).until(() -> seenBy.size() == 2
                && seenBy.values().stream().allMatch(s -> s.equals(expected(0, 200))));
    }

    @Test
    void tagExpressionFiltersMessages() {
        Set<String> tags = ConcurrentHashMap.newKeySet();
        AtomicInteger count = new AtomicInteger();
        clients.pushConsumer().group("tag-group").subscribe("Tagged", "TagA || TagC")
                .listener(m -> {
                    tags.add(m.tag());
                    count.incrementAndGet();
                    return ConsumeResult.SUCCESS;
                }).build();
        for (int i = 0; i < 90; i++) {
            producer.send(Message.builder("Tagged").tag("Tag" + (char) ('A' + i % 3)).body("t" + i).build());
        }
        producer.send(Message.of("Tagged", "no tag"));
        await().atMost(WAIT).until(() -> count.get() == 60);
        assertThat(tags).containsExactlyInAnyOrder("TagA", "TagC");
    }

    @Test
    void batchListenerGetsUpToBatchSizeMessagesOfOneQueue(EmbeddedBroker broker) {
        broker.admin().createTopic("Batched", 1);
        send("Batched", 0, 100);
        List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        clients.pushConsumer().group("batch-group").subscribe("Batched", "*").consumeBatchSize(10)
                .consumeFromWhere(ConsumeFromWhere.FIRST)
                .batchListener(batch -> {
                    sizes.add(batch.size());
                    batch.forEach(m -> seen.add(m.bodyAsString()));
                    return ConsumeResult.SUCCESS;
                }).build();
        await().atMost(WAIT).until(() -> seen.size() == 100);
        assertThat(sizes).allMatch(s -> s >= 1 && s <= 10);
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThan(1);
    }

    @Test
    void closingCommitsOffsetsAndTheNextMemberContinuesWithNothingLost(EmbeddedBroker broker) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        PushConsumer first = clients.pushConsumer().group("handover").subscribe("Handover", "*")
                .listener(m -> {
                    seen.add(m.bodyAsString());
                    return ConsumeResult.SUCCESS;
                }).build();
        send("Handover", 0, 100);
        await().atMost(WAIT).until(() -> seen.size() == 100);
        first.close();
        long committed = broker.admin().queues("Handover").stream()
                .mapToLong(q -> broker.admin().committedOffset("handover", q)).sum();
        assertThat(committed).isEqualTo(100);

        send("Handover", 100, 200);
        Set<String> second = ConcurrentHashMap.newKeySet();
        clients.pushConsumer().group("handover").subscribe("Handover", "*")
                .listener(m -> {
                    second.add(m.bodyAsString());
                    return ConsumeResult.SUCCESS;
                }).build();
        await().atMost(WAIT).until(() -> second.size() == 100);
        assertThat(second).isEqualTo(expected(100, 200));
    }

    @Test
    void newGroupOnAFreshQueueStartsAtZeroEvenWithLast() {
        send("Young", 0, 20);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        clients.pushConsumer().group("young-group").subscribe("Young", "*").consumeFromWhere(ConsumeFromWhere.LAST)
                .listener(m -> {
                    seen.add(m.bodyAsString());
                    return ConsumeResult.SUCCESS;
                }).build();
        await().atMost(WAIT).until(() -> seen.size() == 20);
    }

    @Test
    void blockingListenersGetTheWholePoolEvenOnFewCores() throws InterruptedException {
        int threads = 12; // more than the cores of any build machine we run on
        java.util.concurrent.CountDownLatch allInside = new java.util.concurrent.CountDownLatch(threads);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger consumed = new AtomicInteger();
        clients.pushConsumer().group("blocking").subscribe("Blocking", "*").consumeThreads(threads)
                .listener(m -> {
                    allInside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    consumed.incrementAndGet();
                    return ConsumeResult.SUCCESS;
                }).build();
        send("Blocking", 0, 200);
        assertThat(allInside.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .as("%d listeners blocked at once", threads).isTrue();
        release.countDown();
        await().atMost(WAIT).until(() -> consumed.get() == 200);
    }

    @Test
    void spinBeforeParkDeliversLikePark() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        clients.pushConsumer().group("spinning").subscribe("Spin", "*").spinBeforePark(Duration.ofMillis(1))
                .listener(m -> {
                    seen.add(m.bodyAsString());
                    return ConsumeResult.SUCCESS;
                }).build();
        send("Spin", 0, 500);
        await().atMost(WAIT).until(() -> seen.size() == 500);
        assertThat(seen).isEqualTo(expected(0, 500));
    }
}
