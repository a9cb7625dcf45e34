package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.InvalidConfigurationException;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A {@link DedupStore} in this process's memory: it deduplicates deliveries to the consumers of
 * this JVM only, and forgets everything on restart. Use {@link JdbcDedupStore} when several
 * processes consume one group, or when duplicates may arrive across a restart.
 *
 * <p>Bounded: it holds at most {@code maxEntries} records. Records whose lease or retention ended
 * are dropped as calls come by (no thread of its own). When a new record finds the store full, it
 * evicts the CONSUMED record closest to the end of its retention (the oldest, when all share one
 * retention); only if there is none, the CONSUMING record closest to the end of its lease. An
 * evicted key is unknown again, so a late duplicate of it runs again: size the store for the keys
 * of one retention period, and watch {@link #evictions()}.
 *
 * <p>Thread-safe: every call takes one short lock (a hash lookup and an ordered-set update,
 * O(log n)). Nothing blocks beyond that lock. Memory is roughly 200 bytes per record plus its key.
 */
public final class MemoryDedupStore implements DedupStore {
    /** Default bound on the records held. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    /** Ordered by expiry, then by age, so the heads of the sets are the next to expire. */
    private static final Comparator<Entry> BY_EXPIRY =
            Comparator.comparingLong(Entry::expireAtMs).thenComparingLong(Entry::sequence);

    private final int maxEntries;
    private final Clock clock;
    private final Map<RecordId, Entry> entries = new HashMap<>();
    private final NavigableSet<Entry> consuming = new TreeSet<>(BY_EXPIRY);
    private final NavigableSet<Entry> consumed = new TreeSet<>(BY_EXPIRY);
    private long nextSequence;
    private long evictions;

    /** A store of at most {@link #DEFAULT_MAX_ENTRIES} records on the system clock. */
    public MemoryDedupStore() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /** A store of at most {@code maxEntries} records on the system clock. */
    public MemoryDedupStore(int maxEntries) {
        this(maxEntries, Clock.systemUTC());
    }

    /**
     * A store of at most {@code maxEntries} records whose leases and retentions are measured on
     * {@code clock} (tests pass a clock they move by hand).
     *
     * @throws InvalidConfigurationException if {@code maxEntries} is not positive or the clock is null
     */
    public MemoryDedupStore(int maxEntries, Clock clock) {
        if (maxEntries <= 0) {
            throw new InvalidConfigurationException("maxEntries must be positive: " + maxEntries);
        }
        if (clock == null) {
            throw new InvalidConfigurationException("clock must not be null");
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public synchronized BeginResult tryBegin(String namespace, String key, Duration lease) {
        long now = clock.millis();
        dropExpired(now);
        RecordId id = new RecordId(namespace, key);
        Entry existing = entries.get(id);
        if (existing != null) {
            return existing.isConsumed() ? BeginResult.ALREADY_CONSUMED : BeginResult.IN_PROGRESS;
        }
        makeRoom();
        add(new Entry(id, false, Expiry.at(now, lease), nextSequence++));
        return BeginResult.BEGUN;
    }

    @Override
    public synchronized void markConsumed(String namespace, String key, Duration retention) {
        long now = clock.millis();
        dropExpired(now);
        RecordId id = new RecordId(namespace, key);
        Entry existing = entries.get(id);
        if (existing != null) {
            remove(existing);
        } else {
            makeRoom();
        }
        add(new Entry(id, true, Expiry.at(now, retention), nextSequence++));
    }

    @Override
    public synchronized void abandon(String namespace, String key) {
        Entry existing = entries.get(new RecordId(namespace, key));
        if (existing != null && !existing.isConsumed()) {
            remove(existing);
        }
    }

    /** Records held now, expired ones not counted. */
    public synchronized int size() {
        dropExpired(clock.millis());
        return entries.size();
    }

    /** Records evicted so far to stay within the bound; growing means the store is too small for the retention. */
    public synchronized long evictions() {
        return evictions;
    }

    private void dropExpired(long now) {
        dropExpired(consuming, now);
        dropExpired(consumed, now);
    }

    private void dropExpired(NavigableSet<Entry> byExpiry, long now) {
        while (!byExpiry.isEmpty() && byExpiry.first().expireAtMs() <= now) {
            entries.remove(byExpiry.pollFirst().id());
        }
    }

    /** Evicts until one more record fits. Runs after {@link #dropExpired}, so nothing expired is left to prefer. */
    private void makeRoom() {
        while (entries.size() >= maxEntries) {
            // A consumed record costs a possible rerun of a late duplicate; a live lease costs a
            // concurrent rerun now. So consumed records go first.
            remove(consumed.isEmpty() ? consuming.first() : consumed.first());
            evictions++;
        }
    }

    private void add(Entry entry) {
        entries.put(entry.id(), entry);
        (entry.isConsumed() ? consumed : consuming).add(entry);
    }

    private void remove(Entry entry) {
        entries.remove(entry.id());
        (entry.isConsumed() ? consumed : consuming).remove(entry);
    }

    private record RecordId(String namespace, String key) {
    }

    /** One record; replaced, never changed, so the ordered sets stay consistent. */
    private record Entry(RecordId id, boolean isConsumed, long expireAtMs, long sequence) {
    }
}
