package io.rocklet.mq.client.protocol;

import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.MessageModel;

import java.util.List;

/** RocketMQ's HEART_BEAT body: who the client is and which groups and subscriptions it has. */
public record Heartbeat(String clientId, List<String> producerGroups, List<ConsumerData> consumers) {
    public record ConsumerData(String group, MessageModel model, ConsumeFromWhere consumeFromWhere,
                               List<Subscription> subscriptions) {
    }

    public record Subscription(String topic, TagFilter filter) {
    }
}
