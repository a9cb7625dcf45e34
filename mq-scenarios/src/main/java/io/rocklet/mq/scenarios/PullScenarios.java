package io.rocklet.mq.scenarios;

import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PullConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Pull consumers: assign, poll, commit, seek; a restarted one resumes at its commit; subscribe. */
public abstract class PullScenarios extends Scenarios {

    @Test
    void assignPollCommitSeekAndResume() {
        String topic = topic("Pull", 4);
        String group = name("cg");
        Producer producer = clients.producer().group(name("pg")).build();
        for (int i = 0; i < 40; i++) {
            producer.send(Message.of(topic, "p" + i));
        }
        List<MessageView> first = new ArrayList<>();
        try (PullConsumer consumer = clients.pullConsumer().group(group).build()) {
            List<MessageQueue> queues = consumer.queues(topic);
            assertThat(queues).hasSize(4);
            consumer.assign(queues);
            queues.forEach(consumer::seekToBeginning);
            pollUntil(consumer, first, 40);
            consumer.commitSync();
            for (MessageQueue q : queues) {
                assertThat(consumer.committed(q)).isEqualTo(consumer.position(q));
            }
            MessageQueue q0 = queues.get(0);
            long end = consumer.position(q0);
            consumer.seekToBeginning(q0);
            List<MessageView> again = new ArrayList<>();
            pollUntil(consumer, again, (int) end);
            assertThat(again).allMatch(m -> m.queue().equals(q0));
        }
        for (int i = 0; i < 8; i++) {
            producer.send(Message.of(topic, "later" + i));
        }
        List<MessageView> resumed = new ArrayList<>();
        try (PullConsumer consumer = clients.pullConsumer().group(group).build()) {
            consumer.assign(consumer.queues(topic));
            pollUntil(consumer, resumed, 8);
        }
        assertThat(bodies(first)).hasSize(40);
        assertThat(bodies(resumed)).allMatch(b -> b.startsWith("later"));
    }

    @Test
    void aSubscribedPullConsumerGetsEveryMessage() {
        String topic = topic("PullSub", 4);
        Producer producer = clients.producer().group(name("pg")).build();
        for (int i = 0; i < 30; i++) {
            producer.send(Message.of(topic, "s" + i));
        }
        List<MessageView> got = new ArrayList<>();
        try (PullConsumer consumer = clients.pullConsumer().group(name("cg")).rebalanceInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(1)).build()) {
            consumer.subscribe(topic, "*");
            pollUntil(consumer, got, 30);
        }
        Set<String> bodies = new HashSet<>(bodies(got));
        assertThat(bodies).hasSize(30);
    }

    private static void pollUntil(PullConsumer consumer, List<MessageView> into, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (into.size() < count && System.nanoTime() < deadline) {
            into.addAll(consumer.poll(Duration.ofMillis(500)));
        }
        assertThat(into).hasSizeGreaterThanOrEqualTo(count);
    }
}
