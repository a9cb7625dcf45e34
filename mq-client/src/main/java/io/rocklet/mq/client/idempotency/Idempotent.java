package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.BatchMessageListener;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.MessageListener;
import io.rocklet.mq.api.MessageView;

import java.time.Duration;
import java.util.function.Function;

/**
 * Wraps a listener so its business logic runs once per business key, however often messages with
 * that key are delivered (send retries, rebalances, restarts).
 *
 * <pre>{@code
 * DedupStore store = new MemoryDedupStore();
 * clients.pushConsumer().group("order-consumers").subscribe("Orders", "*")
 *         .listener(Idempotent.wrap("order-consumers", store, message -> {
 *             applyOrder(message);
 *             return ConsumeResult.SUCCESS;
 *         }))
 *         .build();
 * }</pre>
 *
 * <p>For each message the wrapper finds the key (by default the message's first key, see
 * {@link KeyExtractors}) and asks the store to {@link DedupStore#tryBegin begin} it:
 * <ul>
 *   <li>{@code BEGUN}: the listener runs. On {@code SUCCESS} the key is marked CONSUMED for the
 *       retention; on {@code RECONSUME_LATER}, null or an exception the key is abandoned, so the
 *       redelivery runs the listener again, and the result (or exception) is passed on.</li>
 *   <li>{@code IN_PROGRESS} (another delivery of the key is running and its lease is alive): the
 *       listener is not called; the wrapper returns {@code RECONSUME_LATER}, so this delivery comes
 *       back later and is then skipped or run, depending on how the other one ended.</li>
 *   <li>{@code ALREADY_CONSUMED}: the listener is not called; the wrapper returns {@code SUCCESS}.</li>
 * </ul>
 * A message without a key is passed to the listener without deduplication; the first one is
 * logged at WARN. To fall back to the message id instead, choose
 * {@link KeyExtractors#firstKeyOrMessageId()}.
 *
 * <p>The namespace separates the records of different consumers sharing a store: use the
 * consumer group's name, so that each group consumes each key once.
 *
 * <p>The wrapped listener runs on the consumer's pool thread that called the wrapper, and may be
 * called concurrently for different messages, exactly like the listener it wraps; the wrapper
 * itself is thread-safe. It blocks while the store works (one or two calls per message; a
 * database round trip each for {@link JdbcDedupStore}). A {@link DedupStoreException} from
 * {@code tryBegin} is thrown to the consumer, which redelivers the message later.
 */
public final class Idempotent {
    /** How long a delivery may run the business logic before another delivery may take the key over. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);
    /** How long a consumed key is remembered; duplicates arriving later run again. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    private Idempotent() {
    }

    /**
     * Wraps {@code listener} with the default key (first key), lease and retention.
     *
     * @throws InvalidConfigurationException if an argument is null or the namespace is blank
     */
    public static MessageListener wrap(String namespace, DedupStore store, MessageListener listener) {
        return builder(namespace, store).wrap(listener);
    }

    /**
     * Wraps a batch {@code listener} with the default key, lease and retention; see
     * {@link Builder#wrapBatch(BatchMessageListener)}.
     *
     * @throws InvalidConfigurationException if an argument is null or the namespace is blank
     */
    public static BatchMessageListener wrapBatch(String namespace, DedupStore store, BatchMessageListener listener) {
        return builder(namespace, store).wrapBatch(listener);
    }

    /**
     * Starts a wrapper with a chosen key extractor, lease or retention.
     *
     * @throws InvalidConfigurationException if the store is null or the namespace blank
     */
    public static Builder builder(String namespace, DedupStore store) {
        return new Builder(namespace, store);
    }

    /** Settings of an idempotent wrapper. Not thread-safe; the listeners it builds are. */
    public static final class Builder {
        private final String namespace;
        private final DedupStore store;
        private Function<MessageView, String> keyExtractor = KeyExtractors.firstKey();
        private Duration lease = DEFAULT_LEASE;
        private Duration retention = DEFAULT_RETENTION;

        private Builder(String namespace, DedupStore store) {
            if (namespace == null || namespace.isBlank()) {
                throw new InvalidConfigurationException("namespace must not be blank: " + namespace);
            }
            this.namespace = namespace;
            this.store = required("store", store);
        }

        /**
         * How to find a message's business key (default {@link KeyExtractors#firstKey()}). It runs on
         * the consumer's pool thread; null or empty means "no key"; an exception it throws is passed
         * to the consumer, which redelivers the message.
         */
        public Builder keyExtractor(Function<MessageView, String> keyExtractor) {
            this.keyExtractor = required("keyExtractor", keyExtractor);
            return this;
        }

        /**
         * How long a delivery holds a key while running the business logic (default 1 minute).
         * Choose it longer than the slowest listener call: once it ends, a duplicate may take the
         * key over and run the logic a second time. A consumer that crashed holds its keys this long.
         */
        public Builder lease(Duration lease) {
            this.lease = positive("lease", lease);
            return this;
        }

        /**
         * How long a consumed key is remembered (default 24 hours). Choose it longer than
         * duplicates may arrive apart: at least the time a consumer may be down or lag behind.
         */
        public Builder retention(Duration retention) {
            this.retention = positive("retention", retention);
            return this;
        }

        /** A listener that runs {@code listener} once per key. */
        public MessageListener wrap(MessageListener listener) {
            return new IdempotentMessageListener(guard(), required("listener", listener));
        }

        /**
         * A batch listener that passes {@code listener} only the messages whose keys it claimed
         * (and those without a key): fewer than were delivered, never none. It answers
         * {@code SUCCESS} when the listener did and no key of the batch was held by another
         * delivery; otherwise the whole batch comes back, and keys consumed meanwhile are skipped.
         *
         * <p>When the listener fails, the keys of the messages it acknowledged with
         * {@link io.rocklet.mq.api.ConsumeBatch#ackIndex(int)} are recorded as consumed and every
         * other key it was given is abandoned and runs again — including one whose business logic
         * had completed before the failure without being acknowledged. Acknowledge as you go, make a
         * batch's effects atomic (one database transaction), or use a single-message listener.
         */
        public BatchMessageListener wrapBatch(BatchMessageListener listener) {
            return new IdempotentBatchListener(guard(), required("batchListener", listener));
        }

        private DedupGuard guard() {
            return new DedupGuard(namespace, store, keyExtractor, lease, retention);
        }

        private static <T> T required(String what, T value) {
            if (value == null) {
                throw new InvalidConfigurationException(what + " must not be null");
            }
            return value;
        }

        private static Duration positive(String what, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidConfigurationException(what + " must be a positive duration: " + value);
            }
            return value;
        }
    }
}
