package io.rocklet.mq.compat4.ons;

import com.aliyun.openservices.ons.api.Action;
import com.aliyun.openservices.ons.api.ConsumeContext;
import com.aliyun.openservices.ons.api.Message;
import com.aliyun.openservices.ons.api.MessageListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Messages an ONS consumer received, in arrival order; a listener that commits every one. */
final class OnsInbox implements MessageListener {
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    @Override
    public Action consume(Message message, ConsumeContext context) {
        messages.add(message);
        return Action.CommitMessage;
    }

    List<Message> all() {
        return new ArrayList<>(messages);
    }

    int size() {
        return messages.size();
    }

    /** The distinct keys received. */
    Set<String> keys() {
        return messages.stream().map(Message::getKey).collect(Collectors.toSet());
    }

    /** The first message received with the key. */
    Message byKey(String key) {
        return messages.stream().filter(m -> key.equals(m.getKey())).findFirst()
                .orElseThrow(() -> new AssertionError("no message with key " + key + " among " + keys()));
    }
}
