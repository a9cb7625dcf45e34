package io.rocklet.mq.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A received message, read-only. Safe to keep and to share between threads: it never points into
 * broker memory.
 */
public interface MessageView {
    /** The unique message id (RocketMQ's {@code UNIQ_KEY}), the same the producer got. */
    String messageId();

    String topic();

    /** The tag, or null. */
    String tag();

    List<String> keys();

    /** User properties (system properties excluded). */
    Map<String, String> properties();

    /** A property by name, system properties included; null if absent. */
    String property(String name);

    /** A copy of the body. */
    byte[] body();

    default String bodyAsString() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    MessageQueue queue();

    long queueOffset();

    long bornTimestamp();

    long storeTimestamp();

    /** How many times this message was delivered before (0 on the first delivery). */
    int reconsumeTimes();

    /** For a delayed or scheduled message: the time it was to be delivered (epoch ms); else 0. */
    long deliverAtMs();
}
