package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PullConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RockletExtension.class)
class PullConsumerIT {

    @Test
    void assignPollCommitSeekAndResumeAfterRestart(EmbeddedBroker broker) {
        broker.admin().createTopic("Pull", 1);
        try (Clients clients = broker.clients()) {
            Producer producer = clients.producer().build();
            for (int i = 0; i < 10; i++) {
                producer.send(Message.of("Pull", "p" + i));
            }
            MessageQueue queue;
            try (PullConsumer consumer = clients.pullConsumer().group("puller").autoCommitInterval(null)
                    .pullBatchSize(4).build()) {
                queue = consumer.queues("Pull").get(0);
                consumer.assign(List.of(queue));
                List<MessageView> first = consumer.poll(Duration.ofSeconds(5));
                assertThat(first).extracting(MessageView::bodyAsString).containsExactly("p0", "p1", "p2", "p3");
                consumer.commitSync();
                assertThat(consumer.committed(queue)).isEqualTo(4);

                consumer.seek(queue, 8);
                assertThat(consumer.poll(Duration.ofSeconds(5))).extracting(MessageView::bodyAsString).containsExactly("p8", "p9");
                consumer.seekToBeginning(queue);
                assertThat(consumer.position(queue)).isZero();
                consumer.seek(queue, 4); // back to what was committed, then leave without committing more
            }
            try (PullConsumer restarted = clients.pullConsumer().group("puller").build()) {
                restarted.assign(List.of(queue));
                assertThat(restarted.position(queue)).isEqualTo(4);
                List<String> rest = new ArrayList<>();
                while (rest.size() < 6) {
                    restarted.poll(Duration.ofSeconds(5)).forEach(m -> rest.add(m.bodyAsString()));
                }
                assertThat(rest).containsExactly("p4", "p5", "p6", "p7", "p8", "p9");
            }
        }
    }

    @Test
    void pollWakesUpWhenAMessageArrives(EmbeddedBroker broker) throws Exception {
        broker.admin().createTopic("Wake", 2);
        try (Clients clients = broker.clients();
             PullConsumer consumer = clients.pullConsumer().group("waker").consumeFromWhere(ConsumeFromWhere.FIRST).build()) {
            consumer.assign(consumer.queues("Wake"));
            Thread sender = new Thread(() -> {
                try {
                    Thread.sleep(200); // the thing tested: a poll that is already waiting
                } catch (InterruptedException e) {
                    return;
                }
                clients.producer().build().send(Message.of("Wake", "late"));
            });
            sender.start();
            long start = System.nanoTime();
            List<MessageView> got = consumer.poll(Duration.ofSeconds(20));
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            sender.join();
            assertThat(got).extracting(MessageView::bodyAsString).containsExactly("late");
            assertThat(waitedMs).isLessThan(10_000);
        }
    }

    @Test
    void subscribedPullConsumersShareTheQueues(EmbeddedBroker broker) {
        broker.admin().createTopic("SharedPull", 4);
        try (Clients clients = broker.clients();
             PullConsumer a = clients.pullConsumer().group("sharers").rebalanceInterval(Duration.ofMillis(100)).build();
             PullConsumer b = clients.pullConsumer().group("sharers").rebalanceInterval(Duration.ofMillis(100)).build()) {
            a.subscribe("SharedPull", "*");
            b.subscribe("SharedPull", "*");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> a.assignment().size() == 2 && b.assignment().size() == 2);
            assertThat(a.assignment()).doesNotContainAnyElementsOf(b.assignment());
        }
    }
}
