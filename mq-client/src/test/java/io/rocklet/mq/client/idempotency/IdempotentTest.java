package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.BatchMessageListener;
import io.rocklet.mq.api.ConsumeBatch;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.MessageListener;
import io.rocklet.mq.api.MessageView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.rocklet.mq.api.ConsumeResult.RECONSUME_LATER;
import static io.rocklet.mq.api.ConsumeResult.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotentTest {
    private static final String NS = "order-consumers";

    private final ManualClock clock = new ManualClock();
    private final MemoryDedupStore store = new MemoryDedupStore(1_000, clock);
    /** The business effect: how often each key (or, for keyless messages, message id) was applied. */
    private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();

    private ConsumeResult apply(MessageView message) {
        String what = message.keys().isEmpty() ? message.messageId() : message.keys().get(0);
        applied.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        return SUCCESS;
    }

    private int timesApplied(String key) {
        AtomicInteger n = applied.get(key);
        return n == null ? 0 : n.get();
    }

    @Test
    void runsTheListenerOncePerKeyAndSkipsLaterDuplicates() {
        MessageListener listener = Idempotent.wrap(NS, store, this::apply);
        assertThat(listener.consume(TestMessage.withKeys("order-1"))).isEqualTo(SUCCESS);
        assertThat(listener.consume(TestMessage.withKeys("order-1"))).isEqualTo(SUCCESS);
        assertThat(listener.consume(TestMessage.withKeys("order-2", "customer-9"))).isEqualTo(SUCCESS);
        assertThat(listener.consume(TestMessage.withKeys("order-1"))).isEqualTo(SUCCESS);
        assertThat(applied).containsOnlyKeys("order-1", "order-2");
        assertThat(timesApplied("order-1")).isEqualTo(1);
        assertThat(timesApplied("order-2")).isEqualTo(1);
    }

    @Test
    void aDuplicateArrivingWhileTheFirstIsConsumingComesBackLaterAndIsThenSkipped() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MessageListener listener = Idempotent.wrap(NS, store, m -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return apply(m);
        });
        CompletableFuture<ConsumeResult> first = CompletableFuture.supplyAsync(() -> listener.consume(TestMessage.withKeys("order-1")));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        TestMessage duplicate = TestMessage.withKeys("order-1");
        assertThat(listener.consume(duplicate)).isEqualTo(RECONSUME_LATER);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(SUCCESS);
        assertThat(listener.consume(duplicate)).as("the redelivered duplicate").isEqualTo(SUCCESS);
        assertThat(timesApplied("order-1")).isEqualTo(1);
    }

    @Test
    void aListenerThatAsksForRedeliveryRunsAgainOnTheRedelivery() {
        AtomicInteger calls = new AtomicInteger();
        MessageListener listener = Idempotent.wrap(NS, store, m -> calls.incrementAndGet() == 1 ? RECONSUME_LATER : apply(m));
        TestMessage message = TestMessage.withKeys("order-1");
        assertThat(listener.consume(message)).isEqualTo(RECONSUME_LATER);
        assertThat(listener.consume(message)).isEqualTo(SUCCESS);
        assertThat(listener.consume(TestMessage.withKeys("order-1"))).isEqualTo(SUCCESS);
        assertThat(calls).hasValue(2);
        assertThat(timesApplied("order-1")).isEqualTo(1);
    }

    @Test
    void aListenerThatThrowsPassesTheExceptionOnAndRunsAgainOnTheRedelivery() {
        AtomicInteger calls = new AtomicInteger();
        MessageListener listener = Idempotent.wrap(NS, store, m -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            return apply(m);
        });
        TestMessage message = TestMessage.withKeys("order-1");
        assertThatThrownBy(() -> listener.consume(message)).isInstanceOf(IllegalStateException.class).hasMessage("database down");
        assertThat(listener.consume(message)).isEqualTo(SUCCESS);
        assertThat(timesApplied("order-1")).isEqualTo(1);
    }

    @Test
    void aNullResultCountsAsReconsumeLaterAndReleasesTheKey() {
        AtomicInteger calls = new AtomicInteger();
        MessageListener listener = Idempotent.wrap(NS, store, m -> calls.incrementAndGet() == 1 ? null : apply(m));
        TestMessage message = TestMessage.withKeys("order-1");
        assertThat(listener.consume(message)).isEqualTo(RECONSUME_LATER);
        assertThat(listener.consume(message)).isEqualTo(SUCCESS);
        assertThat(timesApplied("order-1")).isEqualTo(1);
    }

    @Test
    void aKeyHeldByACrashedConsumerIsTakenOverWhenItsLeaseEnds() {
        assertThat(store.tryBegin(NS, "order-1", Idempotent.DEFAULT_LEASE)).isEqualTo(BeginResult.BEGUN); // then it crashed
        MessageListener listener = Idempotent.wrap(NS, store, this::apply);
        TestMessage redelivered = TestMessage.withKeys("order-1");
        assertThat(listener.consume(redelivered)).isEqualTo(RECONSUME_LATER);
        assertThat(timesApplied("order-1")).isZero();
        clock.advance(Idempotent.DEFAULT_LEASE);
        assertThat(listener.consume(redelivered)).isEqualTo(SUCCESS);
        assertThat(timesApplied("order-1")).isEqualTo(1);
    }

    @Test
    void aConsumedKeyRunsAgainOnlyAfterItsRetention() {
        MessageListener listener = Idempotent.builder(NS, store).retention(Duration.ofMinutes(10)).wrap(this::apply);
        listener.consume(TestMessage.withKeys("order-1"));
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        listener.consume(TestMessage.withKeys("order-1"));
        assertThat(timesApplied("order-1")).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        listener.consume(TestMessage.withKeys("order-1"));
        assertThat(timesApplied("order-1")).isEqualTo(2);
    }

    @Test
    void theBuildersLeaseIsWhatTheStoreHolds() {
        MessageListener listener = Idempotent.builder(NS, store).lease(Duration.ofSeconds(5)).wrap(m -> {
            clock.advance(Duration.ofSeconds(5)); // a listener slower than its lease
            assertThat(store.tryBegin(NS, "order-1", Duration.ofSeconds(5))).isEqualTo(BeginResult.BEGUN);
            return apply(m);
        });
        assertThat(listener.consume(TestMessage.withKeys("order-1"))).isEqualTo(SUCCESS);
    }

    @Test
    void messagesWithoutAKeyAreConsumedEveryTimeByDefault() {
        MessageListener listener = Idempotent.wrap(NS, store, this::apply);
        TestMessage keyless = TestMessage.withKeys();
        listener.consume(keyless);
        listener.consume(keyless);
        assertThat(timesApplied(keyless.messageId())).isEqualTo(2);
        assertThat(store.size()).isZero();
    }

    @Test
    void theMessageIdFallbackDeduplicatesRedeliveriesOfAKeylessMessage() {
        MessageListener listener = Idempotent.builder(NS, store).keyExtractor(KeyExtractors.firstKeyOrMessageId()).wrap(this::apply);
        TestMessage keyless = TestMessage.withKeys();
        listener.consume(keyless);
        listener.consume(keyless);
        listener.consume(TestMessage.withKeys("order-1"));
        listener.consume(TestMessage.withKeys("order-1"));
        assertThat(timesApplied(keyless.messageId())).isEqualTo(1);
        assertThat(timesApplied("order-1")).isEqualTo(1);
    }

    @Test
    void aUserPropertyCanBeTheKey() {
        AtomicInteger calls = new AtomicInteger();
        MessageListener listener = Idempotent.builder(NS, store).keyExtractor(KeyExtractors.property("orderId")).wrap(m -> {
            calls.incrementAndGet();
            return SUCCESS;
        });
        listener.consume(new TestMessage("MSG-A", List.of(), Map.of("orderId", "42")));
        listener.consume(new TestMessage("MSG-B", List.of(), Map.of("orderId", "42")));
        listener.consume(new TestMessage("MSG-C", List.of(), Map.of("orderId", "43")));
        assertThat(calls).hasValue(2);
    }

    @Test
    void namespacesKeepTwoGroupsApartOnOneStore() {
        Map<String, AtomicInteger> perGroup = new ConcurrentHashMap<>();
        for (String group : List.of("billing", "shipping")) {
            MessageListener listener = Idempotent.wrap(group, store, m -> {
                perGroup.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
                return SUCCESS;
            });
            listener.consume(TestMessage.withKeys("order-1"));
            listener.consume(TestMessage.withKeys("order-1"));
        }
        assertThat(perGroup.get("billing")).hasValue(1);
        assertThat(perGroup.get("shipping")).hasValue(1);
    }

    @Test
    void aFailureToRecordTheOutcomeStillReportsSuccessBecauseTheEffectHappened() {
        DedupStore cannotMark = new ForwardingStore(store) {
            @Override
            public void markConsumed(String namespace, String key, Duration retention) {
                throw new DedupStoreException("connection lost");
            }
        };
        MessageListener listener = Idempotent.wrap(NS, cannotMark, this::apply);
        assertThat(listener.consume(TestMessage.withKeys("order-1"))).isEqualTo(SUCCESS);
        assertThat(timesApplied("order-1")).isEqualTo(1);
        assertThat(listener.consume(TestMessage.withKeys("order-1"))).as("the lease still holds the key")
                .isEqualTo(RECONSUME_LATER);
    }

    @Test
    void aStoreThatCannotBeginPassesItsExceptionOnWithoutCallingTheListener() {
        DedupStore down = new ForwardingStore(store) {
            @Override
            public BeginResult tryBegin(String namespace, String key, Duration lease) {
                throw new DedupStoreException("connection refused");
            }
        };
        MessageListener listener = Idempotent.wrap(NS, down, this::apply);
        assertThatThrownBy(() -> listener.consume(TestMessage.withKeys("order-1")))
                .isInstanceOf(DedupStoreException.class).hasMessage("connection refused");
        assertThat(applied).isEmpty();
    }

    @Test
    void rejectsABlankNamespaceMissingPartsAndNonPositiveDurations() {
        assertThatThrownBy(() -> Idempotent.wrap(" ", store, this::apply)).isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> Idempotent.wrap(NS, null, this::apply)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("store");
        assertThatThrownBy(() -> Idempotent.wrap(NS, store, null)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("listener");
        assertThatThrownBy(() -> Idempotent.builder(NS, store).lease(Duration.ZERO)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("lease");
        assertThatThrownBy(() -> Idempotent.builder(NS, store).retention(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("retention");
    }

    // --- batch listener ---

    private final List<List<String>> batchesSeen = new CopyOnWriteArrayList<>();

    private ConsumeResult recordBatch(List<MessageView> batch) {
        List<String> ids = new ArrayList<>();
        batch.forEach(m -> ids.add(m.keys().isEmpty() ? "no-key" : m.keys().get(0)));
        batchesSeen.add(ids);
        return SUCCESS;
    }

    @Test
    void aBatchListenerGetsEachKeyNotYetConsumedOnce() {
        BatchMessageListener listener = Idempotent.wrapBatch(NS, store, this::recordBatch);
        listener.consume(batchOf(TestMessage.withKeys("order-1")));
        ConsumeResult result = listener.consume(batchOf(TestMessage.withKeys("order-1"), TestMessage.withKeys("order-2"),
                TestMessage.withKeys("order-2"), TestMessage.withKeys()));
        assertThat(result).isEqualTo(SUCCESS);
        assertThat(batchesSeen).containsExactly(List.of("order-1"), List.of("order-2", "no-key"));
        assertThat(store.tryBegin(NS, "order-2", Idempotent.DEFAULT_LEASE)).isEqualTo(BeginResult.ALREADY_CONSUMED);
    }

    @Test
    void aBatchWhoseKeysAreAllConsumedSucceedsWithoutCallingTheListener() {
        BatchMessageListener listener = Idempotent.wrapBatch(NS, store, this::recordBatch);
        listener.consume(batchOf(TestMessage.withKeys("order-1"), TestMessage.withKeys("order-2")));
        assertThat(listener.consume(batchOf(TestMessage.withKeys("order-2"), TestMessage.withKeys("order-1")))).isEqualTo(SUCCESS);
        assertThat(batchesSeen).hasSize(1);
    }

    @Test
    void aBatchWithAKeyHeldByAnotherDeliveryComesBackAndThenRunsOnlyThatKey() {
        store.tryBegin(NS, "held", Idempotent.DEFAULT_LEASE);
        BatchMessageListener listener = Idempotent.wrapBatch(NS, store, this::recordBatch);
        ConsumeBatch batch = batchOf(TestMessage.withKeys("order-1"), TestMessage.withKeys("held"));
        assertThat(listener.consume(batch)).isEqualTo(RECONSUME_LATER);
        assertThat(batchesSeen).containsExactly(List.of("order-1"));

        store.abandon(NS, "held"); // the other delivery failed
        assertThat(listener.consume(batch)).isEqualTo(SUCCESS);
        assertThat(batchesSeen).containsExactly(List.of("order-1"), List.of("held"));
    }

    @Test
    void aFailedBatchReleasesEveryKeyItClaimed() {
        AtomicInteger calls = new AtomicInteger();
        BatchMessageListener listener = Idempotent.wrapBatch(NS, store, batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("rolled back");
            }
            return recordBatch(batch);
        });
        ConsumeBatch batch = batchOf(TestMessage.withKeys("order-1"), TestMessage.withKeys("order-2"));
        assertThatThrownBy(() -> listener.consume(batch)).isInstanceOf(IllegalStateException.class);
        assertThat(listener.consume(batch)).isEqualTo(SUCCESS);
        assertThat(batchesSeen).containsExactly(List.of("order-1", "order-2"));
    }

    @Test
    void aBatchListenersAckIndexKeepsTheKeysItConsumedAndReleasesTheRest() {
        AtomicInteger calls = new AtomicInteger();
        BatchMessageListener listener = Idempotent.wrapBatch(NS, store, batch -> {
            recordBatch(batch);
            if (calls.incrementAndGet() == 1) {
                batch.ackIndex(0); // order-1 committed, order-2 failed
                return RECONSUME_LATER;
            }
            return SUCCESS;
        });
        ConsumeBatch batch = batchOf(TestMessage.withKeys("order-1"), TestMessage.withKeys("order-2"));
        assertThat(listener.consume(batch)).isEqualTo(RECONSUME_LATER);
        assertThat(listener.consume(batch)).isEqualTo(SUCCESS);
        assertThat(batchesSeen).containsExactly(List.of("order-1", "order-2"), List.of("order-2"));
    }

    @Test
    void aBatchThatCannotBeClaimedReleasesTheKeysClaimedBeforeTheFailure() {
        DedupStore failsOnSecond = new ForwardingStore(store) {
            @Override
            public BeginResult tryBegin(String namespace, String key, Duration lease) {
                if (key.equals("order-2")) {
                    throw new DedupStoreException("timeout");
                }
                return super.tryBegin(namespace, key, lease);
            }
        };
        BatchMessageListener listener = Idempotent.wrapBatch(NS, failsOnSecond, this::recordBatch);
        assertThatThrownBy(() -> listener.consume(batchOf(TestMessage.withKeys("order-1"), TestMessage.withKeys("order-2"))))
                .isInstanceOf(DedupStoreException.class);
        assertThat(batchesSeen).isEmpty();
        assertThat(store.tryBegin(NS, "order-1", Idempotent.DEFAULT_LEASE)).isEqualTo(BeginResult.BEGUN);
    }

    private static ConsumeBatch batchOf(MessageView... messages) {
        return new ConsumeBatch(List.of(messages));
    }

    /** Passes every call to another store; tests override the call they break. */
    private static class ForwardingStore implements DedupStore {
        private final DedupStore target;

        ForwardingStore(DedupStore target) {
            this.target = target;
        }

        @Override
        public BeginResult tryBegin(String namespace, String key, Duration lease) {
            return target.tryBegin(namespace, key, lease);
        }

        @Override
        public void markConsumed(String namespace, String key, Duration retention) {
            target.markConsumed(namespace, key, retention);
        }

        @Override
        public void abandon(String namespace, String key) {
            target.abandon(namespace, key);
        }
    }
}
