package io.rocklet.mq.scenarios;

import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PullConsumer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.SendResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failed messages come back through the group's retry topic with a growing reconsume count, and
 * go to the dead-letter queue after {@code maxReconsumeTimes}. The delays are the broker's: the
 * embedded broker's retry schedule, or a RocketMQ broker's delay levels 3, 4, …
 */
public abstract class RetryScenarios extends Scenarios {

    @Test
    void aFailedMessageIsRedeliveredWithAGrowingReconsumeCount() {
        String topic = topic("Retry", 2);
        SendResult sent = clients.producer().group(name("pg")).build().send(Message.builder(topic).tag("T").body("again").build());
        List<MessageView> deliveries = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer ignored = pushConsumer(clients, name("cg"), topic, "*").listener(m -> {
            deliveries.add(m);
            return deliveries.size() < 3 ? ConsumeResult.RECONSUME_LATER : ConsumeResult.SUCCESS;
        }).build()) {
            awaitCount(deliveries, 3);
        }
        assertThat(deliveries).extracting(MessageView::reconsumeTimes).startsWith(0, 1, 2);
        assertThat(deliveries).extracting(MessageView::messageId).containsOnly(sent.messageId());
        assertThat(deliveries).extracting(MessageView::topic).containsOnly(topic);
        assertThat(deliveries).extracting(MessageView::tag).containsOnly("T");
    }

    @Test
    void afterMaxReconsumeTimesTheMessageIsInTheDeadLetterQueue() {
        String topic = topic("Dead", 2);
        String group = name("cg");
        SendResult sent = clients.producer().group(name("pg")).build().send(Message.of(topic, "hopeless"));
        List<MessageView> deliveries = Collections.synchronizedList(new ArrayList<>());
        try (PushConsumer ignored = pushConsumer(clients, group, topic, "*").maxReconsumeTimes(1).listener(m -> {
            deliveries.add(m);
            return ConsumeResult.RECONSUME_LATER;
        }).build()) {
            awaitCount(deliveries, 2);
            List<MessageView> dead = new ArrayList<>();
            try (PullConsumer reader = clients.pullConsumer().group(name("dlq-reader")).build()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !reader.queues("%DLQ%" + group).isEmpty());
                reader.assign(reader.queues("%DLQ%" + group));
                reader.assignment().forEach(reader::seekToBeginning);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (dead.isEmpty() && System.nanoTime() < deadline) {
                    dead.addAll(reader.poll(Duration.ofMillis(500)));
                }
            }
            assertThat(dead).extracting(MessageView::messageId).containsExactly(sent.messageId());
            assertThat(dead.get(0).bodyAsString()).isEqualTo("hopeless");
        }
        assertThat(deliveries).hasSize(2);
    }
}
