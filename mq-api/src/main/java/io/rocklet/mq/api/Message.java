package io.rocklet.mq.api;

import io.rocklet.mq.api.internal.MessageChecks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message to send: topic, body, an optional tag (one string, used for filtering), business keys
 * and user properties. Immutable and thread-safe; build it with {@link #builder(String)}, which
 * checks each value as it is set and throws {@link InvalidMessageException} naming the bad value.
 */
public final class Message {
    private final String topic;
    private final String tag;
    private final List<String> keys;
    private final Map<String, String> properties;
    private final byte[] body;

    private Message(Builder b) {
        this.topic = b.topic;
        this.tag = b.tag;
        this.keys = b.keys.isEmpty() ? List.of() : List.copyOf(b.keys);
        this.properties = b.properties.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.body = b.body;
    }

    /** Starts a message for {@code topic}. */
    public static Builder builder(String topic) {
        return new Builder(topic);
    }

    /** A message with only a topic and a body. */
    public static Message of(String topic, byte[] body) {
        return builder(topic).body(body).build();
    }

    /** A message with only a topic and a UTF-8 body. */
    public static Message of(String topic, String body) {
        return builder(topic).body(body).build();
    }

    public String topic() {
        return topic;
    }

    /** The tag, or null. */
    public String tag() {
        return tag;
    }

    public List<String> keys() {
        return keys;
    }

    /** User properties, in the order they were set. */
    public Map<String, String> properties() {
        return properties;
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** Writes the body into {@code dst} without copying it first (the send path uses this). */
    public void writeBodyTo(ByteBuffer dst) {
        dst.put(body);
    }

    @Override
    public String toString() {
        return "Message{topic=" + topic + ", tag=" + tag + ", keys=" + keys + ", properties=" + properties
                + ", bodyLength=" + body.length + "}";
    }

    /** Builds a {@link Message}. Not thread-safe; each setter checks its value. */
    public static final class Builder {
        private final String topic;
        private String tag;
        private final List<String> keys = new ArrayList<>(2);
        private final Map<String, String> properties = new LinkedHashMap<>();
        private byte[] body;

        private Builder(String topic) {
            this.topic = MessageChecks.topic(topic);
        }

        public Builder tag(String tag) {
            this.tag = MessageChecks.tag(tag);
            return this;
        }

        /** Adds business keys (each without spaces). */
        public Builder keys(String... keys) {
            for (String key : keys) {
                this.keys.add(MessageChecks.key(key));
            }
            return this;
        }

        /** Adds a user property; reserved RocketMQ names are rejected. */
        public Builder property(String name, String value) {
            MessageChecks.property(name, value);
            properties.put(name, value);
            return this;
        }

        /** The body, copied; 1 byte to 4 MiB. */
        public Builder body(byte[] body) {
            this.body = MessageChecks.body(body == null ? null : Arrays.copyOf(body, body.length));
            return this;
        }

        public Builder body(String utf8) {
            this.body = MessageChecks.body(utf8 == null ? null : utf8.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Message build() {
            if (body == null) {
                throw new InvalidMessageException("message to topic '" + topic + "' has no body");
            }
            return new Message(this);
        }
    }
}
