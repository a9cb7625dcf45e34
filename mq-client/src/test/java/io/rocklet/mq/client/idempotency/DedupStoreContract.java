package io.rocklet.mq.client.idempotency;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.rocklet.mq.client.idempotency.BeginResult.ALREADY_CONSUMED;
import static io.rocklet.mq.client.idempotency.BeginResult.BEGUN;
import static io.rocklet.mq.client.idempotency.BeginResult.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link DedupStore} must do; each store's test extends it. */
abstract class DedupStoreContract {
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration RETENTION = Duration.ofHours(1);
    static final String NS = "group-a";

    final ManualClock clock = new ManualClock();

    abstract DedupStore store();

    @Test
    void theFirstBeginOfAKeyWinsAndTheNextSeesItInProgress() {
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(BEGUN);
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(IN_PROGRESS);
        assertThat(store().tryBegin(NS, "order-2", LEASE)).isEqualTo(BEGUN);
    }

    @Test
    void exactlyOneOfManyConcurrentBeginsWins() throws Exception {
        assertThat(concurrentBegins("order-1", 16)).containsOnlyOnce(BEGUN).containsOnly(BEGUN, IN_PROGRESS);
    }

    @Test
    void aConsumedKeyIsReportedAlreadyConsumed() {
        store().tryBegin(NS, "order-1", LEASE);
        store().markConsumed(NS, "order-1", RETENTION);
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(ALREADY_CONSUMED);
    }

    @Test
    void anAbandonedKeyCanBeBegunAgain() {
        store().tryBegin(NS, "order-1", LEASE);
        store().abandon(NS, "order-1");
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(BEGUN);
    }

    @Test
    void abandonLeavesAConsumedKeyConsumed() {
        store().tryBegin(NS, "order-1", LEASE);
        store().markConsumed(NS, "order-1", RETENTION);
        store().abandon(NS, "order-1");
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(ALREADY_CONSUMED);
    }

    @Test
    void aLeaseIsHeldUntilItEndsThenTakenOver() {
        store().tryBegin(NS, "order-1", LEASE);
        clock.advance(LEASE.minusMillis(1));
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(IN_PROGRESS);
        clock.advance(Duration.ofMillis(1));
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(BEGUN);
        assertThat(store().tryBegin(NS, "order-1", LEASE)).as("the takeover holds a fresh lease").isEqualTo(IN_PROGRESS);
    }

    @Test
    void exactlyOneOfManyConcurrentTakeoversOfAnEndedLeaseWins() throws Exception {
        store().tryBegin(NS, "order-1", LEASE);
        clock.advance(LEASE.plusSeconds(1));
        assertThat(concurrentBegins("order-1", 16)).containsOnlyOnce(BEGUN).containsOnly(BEGUN, IN_PROGRESS);
    }

    @Test
    void aConsumedKeyIsForgottenWhenItsRetentionEnds() {
        store().tryBegin(NS, "order-1", LEASE);
        store().markConsumed(NS, "order-1", RETENTION);
        clock.advance(RETENTION.minusMillis(1));
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(ALREADY_CONSUMED);
        clock.advance(Duration.ofMillis(1));
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(BEGUN);
    }

    @Test
    void markConsumedAfterTheLeaseEndedStillRecordsTheKey() {
        store().tryBegin(NS, "order-1", LEASE);
        clock.advance(LEASE.multipliedBy(2));
        store().markConsumed(NS, "order-1", RETENTION);
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(ALREADY_CONSUMED);
    }

    @Test
    void namespacesDoNotSeeEachOthersRecords() {
        store().tryBegin(NS, "order-1", LEASE);
        store().markConsumed(NS, "order-1", RETENTION);
        assertThat(store().tryBegin("group-b", "order-1", LEASE)).isEqualTo(BEGUN);
        store().abandon("group-b", "order-1");
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(ALREADY_CONSUMED);
    }

    @Test
    void aVeryLongRetentionDoesNotOverflow() {
        store().tryBegin(NS, "order-1", LEASE);
        store().markConsumed(NS, "order-1", Duration.ofDays(365L * 1_000_000_000L));
        clock.advance(Duration.ofDays(3650));
        assertThat(store().tryBegin(NS, "order-1", LEASE)).isEqualTo(ALREADY_CONSUMED);
    }

    /** Calls tryBegin for {@code key} from {@code threads} threads released at once. */
    List<BeginResult> concurrentBegins(String key, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<BeginResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return store().tryBegin(NS, key, LEASE);
                }));
            }
            ready.await();
            go.countDown();
            List<BeginResult> results = new ArrayList<>();
            for (Future<BeginResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
