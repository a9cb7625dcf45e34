package io.rocklet.mq.compat4;

import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Messages an official consumer received, in arrival order; a listener that takes every one. */
final class Inbox implements MessageListenerConcurrently {
    private final List<MessageExt> messages = new CopyOnWriteArrayList<>();

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> msgs, ConsumeConcurrentlyContext context) {
        messages.addAll(msgs);
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    }

    List<MessageExt> all() {
        return new ArrayList<>(messages);
    }

    int size() {
        return messages.size();
    }

    /** The distinct keys received. */
    Set<String> keys() {
        return messages.stream().map(MessageExt::getKeys).collect(Collectors.toSet());
    }

    /** The first message received with the key. */
    MessageExt byKey(String key) {
        return messages.stream().filter(m -> key.equals(m.getKeys())).findFirst()
                .orElseThrow(() -> new AssertionError("no message with key " + key + " among " + keys()));
    }

    long countOf(String key) {
        return messages.stream().filter(m -> key.equals(m.getKeys())).count();
    }
}
