package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A received message made by hand: a message id, keys and user properties. */
record TestMessage(String messageId, List<String> keys, Map<String, String> properties) implements MessageView {
    private static int nextId;

    /** A new delivery (a new message id) carrying {@code keys}. */
    static synchronized TestMessage withKeys(String... keys) {
        return new TestMessage("MSG" + (++nextId), List.of(keys), Map.of());
    }

    @Override
    public String topic() {
        return "Orders";
    }

    @Override
    public String tag() {
        return null;
    }

    @Override
    public String property(String name) {
        return properties.get(name);
    }

    @Override
    public byte[] body() {
        return messageId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public MessageQueue queue() {
        return new MessageQueue("Orders", "broker-a", 0);
    }

    @Override
    public long queueOffset() {
        return 0;
    }

    @Override
    public long bornTimestamp() {
        return 0;
    }

    @Override
    public long storeTimestamp() {
        return 0;
    }

    @Override
    public int reconsumeTimes() {
        return 0;
    }

    @Override
    public long deliverAtMs() {
        return 0;
    }
}
