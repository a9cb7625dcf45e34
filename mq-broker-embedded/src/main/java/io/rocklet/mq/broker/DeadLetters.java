package io.rocklet.mq.broker;

import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.internal.PropertyNames;
import io.rocklet.mq.api.internal.SystemTopics;
import io.rocklet.mq.broker.store.ConsumeQueue;
import io.rocklet.mq.client.codec.DecodedMessage;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.codec.RecordRewriter;
import io.rocklet.mq.client.protocol.SendResponse;
import io.rocklet.mq.client.protocol.SendStatus;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A group's dead-letter queue ({@code %DLQ%<group>}, one queue): listing and re-sending. */
final class DeadLetters {
    private final String brokerName;
    private final TopicTable topics;
    private final BrokerService broker;
    private final AtomicInteger nextQueue = new AtomicInteger();

    DeadLetters(String brokerName, TopicTable topics, BrokerService broker) {
        this.brokerName = brokerName;
        this.topics = topics;
        this.broker = broker;
    }

    List<MessageView> list(String group, int limit) {
        List<MessageView> result = new ArrayList<>();
        forEach(group, (record, queue) -> {
            result.add(new DecodedMessage(record, queue));
            return result.size() < limit;
        });
        return result;
    }

    int resendAll(String group) {
        int[] sent = {0};
        forEach(group, (record, queue) -> {
            resend(record);
            sent[0]++;
            return true;
        });
        return sent[0];
    }

    boolean resend(String group, String messageId) {
        boolean[] found = {false};
        forEach(group, (record, queue) -> {
            if (messageId.equals(new DecodedMessage(record, queue).messageId())) {
                resend(record);
                found[0] = true;
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** Visits the group's dead letters oldest first while the visitor returns true. */
    private void forEach(String group, RecordVisitor visitor) {
        String topic = SystemTopics.deadLetterTopic(group);
        Topic dlq = topics.get(topic);
        ConsumeQueue queue = dlq == null ? null : dlq.queue(0);
        if (queue == null) {
            return;
        }
        MessageQueue messageQueue = new MessageQueue(topic, brokerName, 0);
        for (long offset = queue.minOffset(); offset < queue.maxOffset(); offset++) {
            ByteBuffer record = broker.copyRecord(topic, 0, offset);
            if (record != null && !visitor.visit(record, messageQueue)) {
                return;
            }
        }
    }

    private void resend(ByteBuffer record) {
        Map<String, String> properties = RecordRewriter.properties(record, 0);
        String topic = properties.get(PropertyNames.DLQ_ORIGIN_TOPIC);
        if (topic == null) {
            topic = properties.get(PropertyNames.RETRY_TOPIC);
        }
        properties.keySet().removeIf(Predicate.isEqual(PropertyNames.RETRY_TOPIC)
                .or(Predicate.isEqual(PropertyNames.DLQ_ORIGIN_TOPIC))
                .or(Predicate.isEqual(PropertyNames.DLQ_ORIGIN_MESSAGE_ID))
                .or(Predicate.isEqual(PropertyNames.ORIGIN_MESSAGE_ID)));
        Topic target = topics.get(topic);
        int queues = target == null ? 1 : target.config().writeQueues();
        int queueId = Math.floorMod(nextQueue.getAndIncrement(), queues);
        ByteBuffer copy = RecordRewriter.rewrite(record, 0, topic, queueId, 0, properties, System.currentTimeMillis(),
                broker.storeHost());
        SendResponse response = broker.appendOwn(topic, queueId, copy, RecordEncoder.tagHash(properties.get(PropertyNames.TAGS)));
        if (response.status != SendStatus.OK) {
            throw new io.rocklet.mq.api.StoreFullException("re-sending a dead letter to " + topic + " failed: " + response.remark);
        }
    }

    @FunctionalInterface
    private interface RecordVisitor {
        boolean visit(ByteBuffer record, MessageQueue queue);
    }
}
