package io.rocklet.mq.client.idempotency;

import java.time.Duration;

/**
 * Where an idempotent listener records which business keys are being consumed and which were
 * consumed. A service provider interface: Rocklet ships {@link MemoryDedupStore} and
 * {@link JdbcDedupStore}; an application may implement it over another shared store (Redis, a
 * key-value table) with the same contract.
 *
 * <p>A record is identified by {@code (namespace, key)}; namespaces never see each other's
 * records, so two consumer groups sharing one store each consume a key once. A record is in one
 * of two states:
 * <ul>
 *   <li><b>CONSUMING</b> — a delivery is running the business logic; it holds a lease that ends
 *       {@code lease} after {@link #tryBegin}. A lease that ended is dead: the consumer crashed or
 *       took longer than the lease, and the next delivery may take the key over.</li>
 *   <li><b>CONSUMED</b> — the business logic completed; the record is kept for {@code retention}
 *       after {@link #markConsumed}, and duplicates arriving in that time are skipped. After it,
 *       the key is unknown again.</li>
 * </ul>
 * A record whose lease or retention has ended counts as absent, whether or not it was removed yet.
 *
 * <p>Implementations must be thread-safe, and {@link #tryBegin} must be atomic across every
 * process sharing the store: of any number of concurrent calls for one absent key, exactly one
 * returns {@link BeginResult#BEGUN}. Namespaces and keys passed in are never null or empty. Calls may block (a database round trip); they run on the
 * consumer's pool threads. Failures are thrown as {@link DedupStoreException}.
 */
public interface DedupStore {
    /**
     * Claims {@code key} for consumption: creates a CONSUMING record with a lease of
     * {@code lease}, or takes over a record whose lease or retention ended.
     *
     * @return {@link BeginResult#BEGUN} when the caller now holds the key,
     *         {@link BeginResult#IN_PROGRESS} when another delivery holds a live lease,
     *         {@link BeginResult#ALREADY_CONSUMED} when a CONSUMED record is within its retention
     * @throws DedupStoreException if the store cannot be read or written
     */
    BeginResult tryBegin(String namespace, String key, Duration lease);

    /**
     * Records that the business logic for {@code key} completed: the record becomes CONSUMED and is
     * kept for {@code retention}. Creates the record if it is gone (its lease ended and it was
     * removed meanwhile).
     *
     * @throws DedupStoreException if the store cannot be written
     */
    void markConsumed(String namespace, String key, Duration retention);

    /**
     * Gives up a key whose consumption failed: removes its CONSUMING record so the next delivery
     * runs the business logic again. Does nothing to a CONSUMED record or an absent one.
     *
     * @throws DedupStoreException if the store cannot be written
     */
    void abandon(String namespace, String key);
}
