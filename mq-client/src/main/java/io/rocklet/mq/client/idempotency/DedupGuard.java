package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.MessageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The steps both idempotent listeners share: find a message's key, claim it, record the outcome.
 * Recording failures after the business logic ran are logged, not thrown: see {@link #consumed}.
 */
final class DedupGuard {
    private static final Logger LOG = LoggerFactory.getLogger("io.rocklet.mq.client.idempotency");

    private final String namespace;
    private final DedupStore store;
    private final Function<MessageView, String> keyExtractor;
    private final Duration lease;
    private final Duration retention;
    private final AtomicBoolean warnedNoKey = new AtomicBoolean();

    DedupGuard(String namespace, DedupStore store, Function<MessageView, String> keyExtractor,
               Duration lease, Duration retention) {
        this.namespace = namespace;
        this.store = store;
        this.keyExtractor = keyExtractor;
        this.lease = lease;
        this.retention = retention;
    }

    /** The message's business key, or null when it has none (it is then consumed without deduplication). */
    String keyOf(MessageView message) {
        String key = keyExtractor.apply(message);
        if (key == null || key.isEmpty()) {
            // Once per listener: a producer that never sets keys would otherwise flood the log.
            if (warnedNoKey.compareAndSet(false, true)) {
                LOG.warn("namespace {}: message {} of topic {} has no business key; messages without a key are "
                        + "consumed without deduplication (logged once)", namespace, message.messageId(), message.topic());
            }
            return null;
        }
        return key;
    }

    BeginResult begin(String key) {
        BeginResult result = store.tryBegin(namespace, key, lease);
        if (result != BeginResult.BEGUN) {
            LOG.debug("namespace {}: key {} is {}", namespace, key, result);
        }
        return result;
    }

    /**
     * Marks {@code key} consumed. A failure is logged, not thrown: the business effect happened, so
     * redelivering would only repeat it once the lease ends. The record stays CONSUMING until then.
     */
    void consumed(String key) {
        try {
            store.markConsumed(namespace, key, retention);
        } catch (RuntimeException e) {
            LOG.warn("namespace {}: key {} was consumed but could not be marked so; a duplicate arriving after "
                    + "its lease of {} ends would be consumed again", namespace, key, lease, e);
        }
    }

    /** Releases {@code key} after a failed attempt. A failure is logged: the key frees itself when its lease ends. */
    void abandon(String key) {
        try {
            store.abandon(namespace, key);
        } catch (RuntimeException e) {
            LOG.warn("namespace {}: key {} failed and could not be released; it is retried once its lease of {} ends",
                    namespace, key, lease, e);
        }
    }
}
