package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.MessageView;

import java.util.List;
import java.util.function.Function;

/**
 * Ready-made ways to find a message's business key, for
 * {@link Idempotent.Builder#keyExtractor(Function)}. A key extractor returns null (or an empty
 * string) when a message has no key; such a message is consumed without deduplication.
 *
 * <p>Deduplicate on what identifies the business operation (an order number, a payment id), not
 * on the message id: an application that sends an order again (after a send timed out, say) makes
 * a new message id each time. All extractors here are stateless and thread-safe.
 */
public final class KeyExtractors {
    private KeyExtractors() {
    }

    /** The message's first key ({@code Message.Builder#keys}), or null if it has none. The default. */
    public static Function<MessageView, String> firstKey() {
        return KeyExtractors::firstKeyOf;
    }

    /**
     * The message id. It catches redeliveries of one message (a rebalance, a restart, a retry inside
     * the producer, which keeps the id), never a message the application sent again: prefer a
     * business key.
     */
    public static Function<MessageView, String> messageId() {
        return MessageView::messageId;
    }

    /** The first key, or the message id when the message has no key: the explicit fallback. */
    public static Function<MessageView, String> firstKeyOrMessageId() {
        return m -> {
            String key = firstKeyOf(m);
            return key != null ? key : m.messageId();
        };
    }

    /** A user property, such as {@code "orderId"}, or null if the message does not carry it. */
    public static Function<MessageView, String> property(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidConfigurationException("key property name must not be empty: " + name);
        }
        return m -> m.property(name);
    }

    private static String firstKeyOf(MessageView m) {
        List<String> keys = m.keys();
        return keys.isEmpty() ? null : keys.get(0);
    }
}
