package io.rocklet.mq.scenarios;

import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.GroupBacklog;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Push consumers: a clustering group shares the queues and rebalances; broadcasting; offsets across restarts. */
public abstract class ConsumeScenarios extends Scenarios {

    @Test
    void threeMembersShareEightQueuesAndTheOthersTakeOverWhenOneLeaves() {
        String topic = topic("Shared", 8);
        String group = name("cg");
        List<MessageView> received = Collections.synchronizedList(new ArrayList<>());
        List<PushConsumer> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(pushConsumer(i == 0 ? clients : otherClients(), group, topic, "*").listener(m -> {
                received.add(m);
                return ConsumeResult.SUCCESS;
            }).build());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<MessageQueue> union = new HashSet<>();
            int total = 0;
            for (PushConsumer c : members) {
                Set<MessageQueue> mine = queuesOf(c, topic);
                union.addAll(mine);
                total += mine.size();
                assertThat(mine).hasSizeBetween(2, 3);
            }
            assertThat(union).hasSize(8);
            assertThat(total).isEqualTo(8);
        });
        Producer producer = clients.producer().group(name("pg")).build();
        for (int i = 0; i < 200; i++) {
            producer.send(Message.of(topic, "m" + i));
        }
        awaitCount(received, 200);
        members.remove(0).close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                queuesOf(members.get(0), topic).size() + queuesOf(members.get(1), topic).size()).isEqualTo(8));
        for (int i = 200; i < 400; i++) {
            producer.send(Message.of(topic, "m" + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> new HashSet<>(bodies(received)).size() == 400);
        members.forEach(PushConsumer::close);
    }

    @Test
    void broadcastingDeliversEveryMessageToEveryMember() {
        String topic = topic("Broadcast", 4);
        String group = name("cg");
        List<MessageView> first = Collections.synchronizedList(new ArrayList<>());
        List<MessageView> second = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer a = pushConsumer(clients, group, topic, "*").messageModel(MessageModel.BROADCASTING).listener(m -> {
            first.add(m);
            return ConsumeResult.SUCCESS;
        }).build(); PushConsumer b = pushConsumer(otherClients(), group, topic, "*").messageModel(MessageModel.BROADCASTING)
                .listener(m -> {
                    second.add(m);
                    return ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> queuesOf(a, topic).size() == 4 && queuesOf(b, topic).size() == 4);
            Producer producer = clients.producer().group(name("pg")).build();
            for (int i = 0; i < 40; i++) {
                producer.send(Message.of(topic, "b" + i));
            }
            awaitCount(first, 40);
            awaitCount(second, 40);
        }
        assertThat(new HashSet<>(bodies(first))).hasSize(40);
        assertThat(new HashSet<>(bodies(second))).hasSize(40);
    }

    @Test
    void aRestartedGroupContinuesAfterWhatItCommitted() {
        String topic = topic("Restart", 4);
        String group = name("cg");
        Producer producer = clients.producer().group(name("pg")).build();
        for (int i = 0; i < 40; i++) {
            producer.send(Message.of(topic, "old-" + i));
        }
        List<MessageView> before = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer ignored = pushConsumer(clients, group, topic, "*").listener(m -> {
            before.add(m);
            return ConsumeResult.SUCCESS;
        }).build()) {
            awaitCount(before, 40);
        }
        for (int i = 0; i < 40; i++) {
            producer.send(Message.of(topic, "new-" + i));
        }
        List<MessageView> after = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer ignored = pushConsumer(otherClients(), group, topic, "*").listener(m -> {
            after.add(m);
            return ConsumeResult.SUCCESS;
        }).build()) {
            awaitCount(after, 40);
        }
        assertThat(bodies(after)).allMatch(b -> b.startsWith("new-")).hasSize(40);
    }

    @Test
    void theBacklogShowsTheLagAndGoesToZeroOnceConsumed() {
        String topic = topic("Backlog", 2);
        String group = name("cg");
        Producer producer = clients.producer().group(name("pg")).build();
        for (int i = 0; i < 20; i++) {
            producer.send(Message.of(topic, "lag-" + i));
        }
        GroupBacklog before = clients.backlog(group, topic);
        assertThat(before.queues()).hasSize(2);
        assertThat(before.lag()).isEqualTo(20);
        assertThat(before.oldestUnconsumedAgeMs()).isGreaterThanOrEqualTo(0);
        List<MessageView> received = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer ignored = pushConsumer(clients, group, topic, "*").listener(m -> {
            received.add(m);
            return ConsumeResult.SUCCESS;
        }).build()) {
            awaitCount(received, 20);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                GroupBacklog after = clients.backlog(group, topic);
                assertThat(after.lag()).isZero();
                assertThat(after.oldestUnconsumedAgeMs()).isZero();
                assertThat(after.liveMembers()).isEqualTo(1);
                assertThat(after.consumers().consumed()).isGreaterThanOrEqualTo(20);
                assertThat(after.queues()).allMatch(q -> q.committedOffset() == q.maxOffset());
            });
        }
    }

    /** The consumer's queues of {@code topic} (a clustering member also holds its retry topic's queue). */
    private static Set<MessageQueue> queuesOf(PushConsumer consumer, String topic) {
        Set<MessageQueue> queues = new HashSet<>(consumer.assignment());
        queues.removeIf(q -> !q.topic().equals(topic));
        return queues;
    }
}
