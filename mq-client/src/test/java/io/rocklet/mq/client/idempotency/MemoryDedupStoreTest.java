package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.rocklet.mq.client.idempotency.BeginResult.ALREADY_CONSUMED;
import static io.rocklet.mq.client.idempotency.BeginResult.BEGUN;
import static io.rocklet.mq.client.idempotency.BeginResult.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryDedupStoreTest extends DedupStoreContract {
    private final MemoryDedupStore store = new MemoryDedupStore(100, clock);

    @Override
    DedupStore store() {
        return store;
    }

    private void consumed(MemoryDedupStore s, String key, Duration retention) {
        assertThat(s.tryBegin(NS, key, LEASE)).isEqualTo(BEGUN);
        s.markConsumed(NS, key, retention);
    }

    @Test
    void sizeCountsOnlyRecordsThatHaveNotExpired() {
        consumed(store, "short", Duration.ofSeconds(10));
        consumed(store, "long", RETENTION);
        store.tryBegin(NS, "running", LEASE);
        assertThat(store.size()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(10));
        assertThat(store.size()).isEqualTo(2);
        clock.advance(LEASE);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aFullStoreDropsExpiredRecordsBeforeEvictingLiveOnes() {
        MemoryDedupStore small = new MemoryDedupStore(3, clock);
        consumed(small, "a", Duration.ofSeconds(10));
        consumed(small, "b", RETENTION);
        small.tryBegin(NS, "c", LEASE);
        clock.advance(Duration.ofSeconds(10));

        assertThat(small.tryBegin(NS, "d", LEASE)).isEqualTo(BEGUN);
        assertThat(small.evictions()).isZero();
        assertThat(small.tryBegin(NS, "b", LEASE)).isEqualTo(ALREADY_CONSUMED);
        assertThat(small.tryBegin(NS, "c", LEASE)).isEqualTo(IN_PROGRESS);
    }

    @Test
    void aFullStoreEvictsTheOldestConsumedRecordBeforeAnyLease() {
        MemoryDedupStore small = new MemoryDedupStore(3, clock);
        small.tryBegin(NS, "running", LEASE);
        consumed(small, "older", RETENTION);
        clock.advance(Duration.ofSeconds(1));
        consumed(small, "newer", RETENTION);

        assertThat(small.tryBegin(NS, "fourth", LEASE)).isEqualTo(BEGUN);
        assertThat(small.evictions()).isEqualTo(1);
        assertThat(small.size()).isEqualTo(3);
        assertThat(small.tryBegin(NS, "running", LEASE)).isEqualTo(IN_PROGRESS);
        assertThat(small.tryBegin(NS, "newer", LEASE)).isEqualTo(ALREADY_CONSUMED);
        assertThat(small.tryBegin(NS, "older", LEASE)).as("evicted, so unknown again").isEqualTo(BEGUN);
    }

    @Test
    void aStoreFullOfLeasesEvictsTheLeaseClosestToItsEnd() {
        MemoryDedupStore small = new MemoryDedupStore(2, clock);
        small.tryBegin(NS, "first", LEASE);
        clock.advance(Duration.ofSeconds(1));
        small.tryBegin(NS, "second", LEASE);

        assertThat(small.tryBegin(NS, "third", LEASE)).isEqualTo(BEGUN);
        assertThat(small.evictions()).isEqualTo(1);
        assertThat(small.tryBegin(NS, "second", LEASE)).isEqualTo(IN_PROGRESS);
        assertThat(small.tryBegin(NS, "third", LEASE)).isEqualTo(IN_PROGRESS);
    }

    @Test
    void markingAConsumedRecordAgainDoesNotEvict() {
        MemoryDedupStore small = new MemoryDedupStore(1, clock);
        consumed(small, "only", RETENTION);
        small.markConsumed(NS, "only", RETENTION);
        assertThat(small.evictions()).isZero();
        assertThat(small.size()).isEqualTo(1);
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThatThrownBy(() -> new MemoryDedupStore(0)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("0");
    }
}
