package io.rocklet.mq.api;

import io.rocklet.mq.api.internal.MessageChecks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
    private final String shardingKey;
    private final long deliverAtMs;
    private final long delayMs;
    private final int delayLevel;

    /** The longest delay a message may have: 40 days. */
    public static final Duration MAX_DELAY = Duration.ofDays(40);
    /** RocketMQ's delay levels are 1 (1 s) to 18 (2 h). */
    public static final int MAX_DELAY_LEVEL = 18;

    private Message(Builder b) {
        this.shardingKey = b.shardingKey;
        this.deliverAtMs = b.deliverAtMs;
        this.delayMs = b.delayMs;
        this.delayLevel = b.delayLevel;
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

    /** The key that keeps messages in order (same key, same queue), or null. */
    public String shardingKey() {
        return shardingKey;
    }

    /** When set with {@link Builder#deliverAt}: the delivery time in epoch ms; else 0. */
    public long deliverAtMs() {
        return deliverAtMs;
    }

    /** When set with {@link Builder#delay}: the delay in ms from the send; else 0. */
    public long delayMs() {
        return delayMs;
    }

    /** When set with {@link Builder#delayLevel}: RocketMQ's delay level 1..18; else 0. */
    public int delayLevel() {
        return delayLevel;
    }

    /** Whether the message waits before delivery (any of the three delay settings). */
    public boolean isDelayed() {
        return deliverAtMs > 0 || delayMs > 0 || delayLevel > 0;
    }

    /** Writes the body into {@code dst} without copying it first (the send path uses this). */
    public void writeBodyTo(ByteBuffer dst) {
        dst.put(body);
    }

    @Override
    public String toString() {
        return "Message{topic=" + topic + ", tag=" + tag + ", keys=" + keys + ", properties=" + properties
                + ", bodyLength=" + body.length + (isDelayed() ? ", delayed" : "") + "}";
    }

    /** Builds a {@link Message}. Not thread-safe; each setter checks its value. */
    public static final class Builder {
        private final String topic;
        private String tag;
        private final List<String> keys = new ArrayList<>(2);
        private final Map<String, String> properties = new LinkedHashMap<>();
        private byte[] body;
        private String shardingKey;
        private long deliverAtMs;
        private long delayMs;
        private int delayLevel;

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

        /**
         * Messages with the same sharding key (an order id, say) go to the same queue —
         * {@code abs(key.hashCode() % queues)} over the topic's writable queues sorted by broker
         * name and queue id, as RocketMQ's hash selector — so an orderly consumer sees them in
         * send order.
         */
        public Builder shardingKey(String key) {
            if (key == null || key.isEmpty()) {
                throw new InvalidMessageException("sharding key is empty for a message to '" + topic + "'");
            }
            this.shardingKey = key;
            return this;
        }

        /**
         * Delivers the message at {@code time} (at most {@link #MAX_DELAY} from now; a time in the
         * past delivers at once). Replaces any other delay setting.
         */
        public Builder deliverAt(Instant time) {
            if (time == null) {
                throw new InvalidMessageException("deliverAt is null for a message to '" + topic + "'");
            }
            if (time.isAfter(Instant.now().plus(MAX_DELAY))) {
                throw new InvalidMessageException("deliverAt " + time + " is more than " + MAX_DELAY.toDays()
                        + " days ahead for a message to '" + topic + "'");
            }
            clearDelay();
            // A time already past delivers at once: no delay at all.
            this.deliverAtMs = time.isAfter(Instant.now()) ? time.toEpochMilli() : 0;
            return this;
        }

        /** Delivers the message {@code delay} after it is sent (0 to {@link #MAX_DELAY}). Replaces any other delay setting. */
        public Builder delay(Duration delay) {
            if (delay == null || delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
                throw new InvalidMessageException("delay must be between 0 and " + MAX_DELAY.toDays()
                        + " days: " + delay + " for a message to '" + topic + "'");
            }
            clearDelay();
            this.delayMs = delay.toMillis();
            return this;
        }

        /**
         * RocketMQ's delay level, 1..18 (1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h
         * 2h; the broker's table decides). Replaces any other delay setting.
         */
        public Builder delayLevel(int level) {
            if (level < 1 || level > MAX_DELAY_LEVEL) {
                throw new InvalidMessageException("delay level must be 1.." + MAX_DELAY_LEVEL + ": " + level
                        + " for a message to '" + topic + "'");
            }
            clearDelay();
            this.delayLevel = level;
            return this;
        }

        private void clearDelay() {
            deliverAtMs = 0;
            delayMs = 0;
            delayLevel = 0;
        }

        public Message build() {
            if (body == null) {
                throw new InvalidMessageException("message to topic '" + topic + "' has no body");
            }
            return new Message(this);
        }
    }
}
