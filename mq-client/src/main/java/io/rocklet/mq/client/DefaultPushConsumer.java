package io.rocklet.mq.client;

import io.rocklet.mq.api.BatchMessageListener;
import io.rocklet.mq.api.ConsumeBatch;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.ConsumerMetrics;
import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.client.internal.NamedThreadFactory;
import io.rocklet.mq.client.codec.DecodedMessage;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.SendBackRequest;
import io.rocklet.mq.client.protocol.SendResponse;
import io.rocklet.mq.client.protocol.SendStatus;
import io.rocklet.mq.client.protocol.PullStatus;
import io.rocklet.mq.client.protocol.TagFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The push consumer runtime. Workers of the {@link ConsumePool} both fetch (one at a time per
 * queue, holding its fetch token) and consume. A queue with nothing new registers an arrival
 * listener at the broker, which puts the queue back on the ready queue and wakes one worker.
 */
final class DefaultPushConsumer implements PushConsumer {
    /** Batches a worker consumes from one queue before it lets the queue go back to the ready list. */
    private static final int MAX_TURNS = 16;
    /** Orderly: how often a queue assigned but not yet locked asks the broker again. */
    private static final long LOCK_RETRY_MS = 200;

    private final PushConsumerConfig config;
    private final Routes routes;
    private final Runnable onClose;
    private final OffsetStore offsets;
    private final ConcurrentHashMap<MessageQueue, ProcessQueue> processQueues = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final GroupMember member;
    private final ConsumePool pool;
    private final Set<Attempt> inFlight = ConcurrentHashMap.newKeySet();
    private final ConsumerStats stats = new ConsumerStats();
    private volatile boolean closed;
    /** Set by {@link #crash()}: nothing more leaves this consumer, as if its process had died. */
    private volatile boolean crashed;

    DefaultPushConsumer(PushConsumerConfig config, Routes routes, Runnable onClose) {
        this.config = config;
        this.routes = routes;
        this.onClose = onClose;
        this.offsets = config.model() == MessageModel.CLUSTERING
                ? new OffsetStore.Remote(config.group(), routes)
                : config.offsetFile() != null ? new OffsetStore.LocalFile(config.offsetFile()) : new OffsetStore.Local();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("consumer-scheduler-" + config.group()));
        this.member = new GroupMember(config.group(), config.model(), config.consumeFromWhere(), config.subscriptions(),
                routes, scheduler, this::onAssignment);
        member.reportMetrics(stats::snapshot);
        member.onReset(this::onReset);
        this.pool = new ConsumePool(config.group(), config.consumeThreads(), config.spinBeforeParkNanos(), this::work);
    }

    void start() {
        pool.start();
        member.start(config.heartbeatIntervalMs(), config.rebalanceIntervalMs());
        long commitMs = config.autoCommitIntervalMs();
        scheduler.scheduleWithFixedDelay(this::commitAll, commitMs, commitMs, TimeUnit.MILLISECONDS);
        long checkMs = Math.max(10, Math.min(1000, config.consumeTimeoutNanos() / 4_000_000));
        scheduler.scheduleWithFixedDelay(this::checkTimeouts, checkMs, checkMs, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(stats::tick, 1, 1, TimeUnit.SECONDS);
        if (lockedOrderly()) {
            scheduler.scheduleWithFixedDelay(() -> lockQueues(false), LOCK_RETRY_MS, LOCK_RETRY_MS, TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(() -> lockQueues(true), config.lockRenewalMs(), config.lockRenewalMs(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public ConsumerMetrics metrics() {
        return stats.snapshot();
    }

    @Override
    public String group() {
        return config.group();
    }

    @Override
    public String clientId() {
        return member.clientId();
    }

    @Override
    public Set<MessageQueue> assignment() {
        return new TreeSet<>(processQueues.keySet());
    }

    /** Runs on the scheduler thread. */
    private void onAssignment(String topic, Set<MessageQueue> assigned) {
        if (closed) {
            return;
        }
        for (ProcessQueue pq : List.copyOf(processQueues.values())) {
            if (pq.queue.topic().equals(topic) && !assigned.contains(pq.queue)) {
                pq.drop();
                processQueues.remove(pq.queue);
                if (lockedOrderly()) {
                    releaseWhenIdle(pq);
                } else {
                    commit(pq);
                    offsets.remove(pq.queue);
                }
            }
        }
        TagFilter filter = config.subscriptions().get(topic);
        for (MessageQueue queue : assigned) {
            if (!processQueues.containsKey(queue)) {
                long start = StartOffsets.resolve(queue, offsets, config.consumeFromWhere(), config.consumeTimestampMs(), routes);
                ProcessQueue pq = new ProcessQueue(queue, filter, start, config.maxBufferedMessages(), config.maxBufferedBytes(),
                        config.orderly());
                processQueues.put(queue, pq);
                pool.signal(pq);
            }
        }
        if (lockedOrderly()) {
            lockQueues(false);
        }
    }

    /** Orderly clustering: queues are consumed only under the broker's lock. */
    private boolean lockedOrderly() {
        return config.orderly() && config.model() == MessageModel.CLUSTERING;
    }

    /**
     * Runs on the scheduler: takes the broker locks of queues not yet locked (every lock retry)
     * or renews all of them ({@code renew}). A queue newly locked is put to work at once; one whose
     * lock was lost stops before its next batch.
     */
    private void lockQueues(boolean renew) {
        if (closed) {
            return;
        }
        Map<String, Set<MessageQueue>> byBroker = new java.util.HashMap<>();
        for (ProcessQueue pq : processQueues.values()) {
            if (renew || pq.lockedUntilNanos == 0) {
                byBroker.computeIfAbsent(pq.queue.brokerName(), b -> new java.util.HashSet<>()).add(pq.queue);
            }
        }
        byBroker.forEach((brokerName, queues) -> {
            BrokerApi broker = routes.broker(brokerName);
            if (broker == null) {
                return;
            }
            long until = System.nanoTime() + config.lockLeaseNanos();
            Set<MessageQueue> locked;
            try {
                locked = broker.lockBatch(config.group(), member.clientId(), queues);
            } catch (RuntimeException e) {
                ClientLog.LOG.warn("locking queues of group {} at {} failed", config.group(), brokerName, e);
                return;
            }
            for (MessageQueue queue : queues) {
                ProcessQueue pq = processQueues.get(queue);
                if (pq == null) {
                    continue;
                }
                boolean wasLocked = pq.lockedUntilNanos != 0;
                if (!wasLocked && locked.contains(queue) && !pq.lockedOnce) {
                    // The previous owner commits just before it unlocks: read where to start only now.
                    pq.resetTo(StartOffsets.resolve(queue, offsets, config.consumeFromWhere(), config.consumeTimestampMs(), routes));
                    pq.lockedOnce = true;
                }
                pq.lockedUntilNanos = locked.contains(queue) ? until : 0;
                if (!wasLocked && pq.lockedUntilNanos != 0) {
                    pool.signal(pq);
                }
            }
        });
    }

    /**
     * A queue this member no longer owns: once its in-flight batch (if any) is done, commit and
     * release the broker lock, so the next owner starts exactly after it.
     */
    private void releaseWhenIdle(ProcessQueue pq) {
        if (pq.consumeLock.tryLock()) {
            try {
                release(pq);
            } finally {
                pq.consumeLock.unlock();
            }
        } // else the worker in the batch releases it when the batch ends (see workOrderly)
    }

    private void release(ProcessQueue pq) {
        if (pq.lockedUntilNanos == -1) {
            return; // released already
        }
        commit(pq);
        offsets.remove(pq.queue);
        pq.lockedUntilNanos = -1;
        BrokerApi broker = routes.broker(pq.queue.brokerName());
        if (broker != null) {
            try {
                broker.unlockBatch(config.group(), member.clientId(), Set.of(pq.queue));
            } catch (RuntimeException e) {
                ClientLog.LOG.warn("unlocking {} for group {} failed; its lock expires on its own", pq.queue, config.group(), e);
            }
        }
    }

    /**
     * A worker's turns on a ready queue: claim a batch (fetching first if none), consume it, and go
     * on with the same queue while it has work (up to {@link #MAX_TURNS}), so a busy queue costs no
     * hand-off between threads. While unclaimed messages remain, one more worker is woken to share.
     */
    private void work(ProcessQueue pq) {
        if (config.orderly()) {
            workOrderly(pq);
            return;
        }
        for (int turn = 0; turn < MAX_TURNS && !pq.dropped() && !closed; turn++) {
            List<MessageView> batch = claimOrFetch(pq);
            if (batch.isEmpty()) {
                break;
            }
            if (pq.hasUnclaimed()) {
                pool.signal(pq); // more than one batch buffered: let another worker take the next
            }
            consume(pq, batch);
        }
        if (!pq.dropped() && !closed && (needsFetch(pq) || pq.hasUnclaimed())) {
            pool.signal(pq);
        }
    }

    /**
     * Orderly: one worker at a time per queue (the queue's consume lock), batches in queue order,
     * only while the broker lock is held (clustering), none while the queue is suspended.
     */
    private void workOrderly(ProcessQueue pq) {
        if (!pq.consumeLock.tryLock()) {
            return; // the worker holding it goes on with this queue
        }
        try {
            for (int turn = 0; turn < MAX_TURNS && !pq.dropped() && !closed; turn++) {
                long now = System.nanoTime();
                if (lockedOrderly() && pq.lockedUntilNanos - now <= 0) {
                    return; // not locked (yet) or the lease ran out: the lock task signals us
                }
                if (pq.suspendedUntilNanos - now > 0) {
                    signalLater(pq, Math.max(1, (pq.suspendedUntilNanos - now) / 1_000_000));
                    return;
                }
                List<MessageView> batch = claimOrFetch(pq);
                if (batch.isEmpty()) {
                    break;
                }
                consumeOrderly(pq, batch);
            }
        } finally {
            if (pq.dropped() && lockedOrderly() && !closed) {
                release(pq);
            }
            pq.consumeLock.unlock();
        }
        if (!pq.dropped() && !closed && (needsFetch(pq) || pq.hasUnclaimed())) {
            pool.signal(pq);
        }
    }

    private void consumeOrderly(ProcessQueue pq, List<MessageView> messages) {
        ConsumeResult result;
        long start = System.nanoTime();
        try {
            pool.enterListener();
            try {
                result = config.listener().consume(new ConsumeBatch(messages));
            } finally {
                pool.exitListener();
            }
        } catch (Throwable t) {
            ClientLog.LOG.warn("orderly listener of group {} threw on {} (offset {}); {} pauses and retries it",
                    config.group(), messages.get(0).messageId(), messages.get(0).queueOffset(), pq.queue, t);
            result = ConsumeResult.SUSPEND_QUEUE;
        }
        if (crashed) {
            return;
        }
        if (result == ConsumeResult.SUCCESS) {
            stats.called(System.nanoTime() - start, messages.size());
            pq.markDone(messages);
            commitIfDrained(pq);
            return;
        }
        stats.called(System.nanoTime() - start, 0);
        stats.failed(messages.size());
        int attempts = pq.countLocalFailure(messages.get(0).queueOffset());
        if (attempts > config.maxReconsumeTimes() && deadLetter(pq, messages)) {
            return;
        }
        pq.suspendedUntilNanos = System.nanoTime() + config.suspendTimeMs() * 1_000_000L;
        pq.redeliverLater(messages, pq.suspendedUntilNanos);
        signalLater(pq, config.suspendTimeMs());
    }

    /** Orderly, after its last retry: the batch goes to the dead-letter queue and the queue moves on. */
    private boolean deadLetter(ProcessQueue pq, List<MessageView> messages) {
        BrokerApi broker = routes.broker(pq.queue.brokerName());
        if (broker == null || config.model() != MessageModel.CLUSTERING) {
            if (config.model() == MessageModel.BROADCASTING) {
                stats.dropped(messages.size());
                pq.markDone(messages);
                return true;
            }
            return false;
        }
        for (MessageView m : messages) {
            SendResponse response = broker.sendBack(new SendBackRequest(config.group(), ((DecodedMessage) m).physicalOffset(),
                    SendBackRequest.DELAY_DEAD_LETTER, m.messageId(), m.topic(), config.maxReconsumeTimes()));
            if (response.status != SendStatus.OK) {
                return false; // retried here again after the suspend time
            }
        }
        ClientLog.LOG.warn("orderly group {}: {} message(s) from {} went to the dead-letter queue after {} retries",
                config.group(), messages.size(), pq.queue, config.maxReconsumeTimes());
        pq.markDone(messages);
        return true;
    }

    /** The next batch of the queue: buffered messages, or — when none and a fetch is due — fetched ones. */
    private List<MessageView> claimOrFetch(ProcessQueue pq) {
        List<MessageView> batch = new ArrayList<>(config.consumeBatchSize());
        pq.claim(config.consumeBatchSize(), batch);
        if (batch.isEmpty() && needsFetch(pq) && pq.fetchToken.compareAndSet(false, true)) {
            try {
                fetch(pq);
            } finally {
                pq.fetchToken.set(false);
            }
            pq.claim(config.consumeBatchSize(), batch);
        }
        return batch;
    }

    private boolean needsFetch(ProcessQueue pq) {
        return !pq.armed.get() && pq.fetchAllowed();
    }

    private void fetch(ProcessQueue pq) {
        BrokerApi broker = routes.broker(pq.queue.brokerName());
        if (broker == null) {
            signalLater(pq, 1000);
            return;
        }
        boolean arm = pq.armed.compareAndSet(false, true);
        long commitOffset = config.model() == MessageModel.CLUSTERING ? pq.commitOffset() : -1;
        Fetched fetched = Fetched.pull(broker, config.group(), pq.queue, pq.fetchOffset(),
                pq.fetchRoom(config.pullBatchSize()), pq.filter, commitOffset, arm ? () -> onArrival(pq) : null);
        if (arm && fetched.status() != PullStatus.NO_NEW_MSG) {
            pq.armed.set(false); // the broker registered nothing
        }
        switch (fetched.status()) {
            case FOUND, NO_MATCHED_MSG -> pq.add(fetched.messages(), fetched.nextOffset());
            case OFFSET_MOVED -> {
                ClientLog.LOG.warn("{} of group {}: offset {} is gone, continuing at {}", pq.queue, config.group(),
                        pq.fetchOffset(), fetched.nextOffset());
                pq.resetTo(fetched.nextOffset());
            }
            case NO_NEW_MSG -> {
                // parked at the broker (armed) until a message lands
            }
        }
    }

    /** Runs on the scheduler: an admin moved the group's offsets; buffered messages of those queues go. */
    private void onReset(String topic, String brokerName, Map<Integer, Long> newOffsets) {
        if (closed) {
            return;
        }
        for (ProcessQueue old : List.copyOf(processQueues.values())) {
            MessageQueue queue = old.queue;
            Long offset = newOffsets.get(queue.queueId());
            if (offset == null || !queue.topic().equals(topic) || !queue.brokerName().equals(brokerName)) {
                continue;
            }
            old.drop();
            offsets.update(queue, offset);
            ProcessQueue pq = new ProcessQueue(queue, old.filter, offset, config.maxBufferedMessages(), config.maxBufferedBytes(),
                    config.orderly());
            pq.lockedUntilNanos = old.lockedUntilNanos; // the broker lock stays this member's
            processQueues.put(queue, pq);
            pool.signal(pq);
            ClientLog.LOG.info("{} of group {}: offset reset to {}", queue, config.group(), offset);
        }
    }

    private void onArrival(ProcessQueue pq) {
        pq.armed.set(false);
        pool.signal(pq);
    }

    /**
     * Runs the listener on one batch and settles it: consumed messages are done, failed ones go
     * back (see {@link #fail}). When the consume timeout settled the batch first, the late result
     * is ignored.
     */
    private void consume(ProcessQueue pq, List<MessageView> messages) {
        ConsumeBatch batch = new ConsumeBatch(messages);
        Attempt attempt = new Attempt(pq, batch, Thread.currentThread(), System.nanoTime());
        inFlight.add(attempt);
        ConsumeResult result;
        try {
            pool.enterListener();
            try {
                result = config.listener().consume(batch);
            } finally {
                pool.exitListener();
            }
        } catch (Throwable t) {
            ClientLog.LOG.warn("listener of group {} threw on {} message(s) from {} (first {}); they will be retried",
                    config.group(), messages.size(), pq.queue, messages.get(0).messageId(), t);
            result = ConsumeResult.RECONSUME_LATER;
        } finally {
            inFlight.remove(attempt);
        }
        if (crashed) {
            return;
        }
        if (!attempt.settle()) {
            ClientLog.LOG.info("listener of group {} returned {} after its consume timeout; the result is ignored",
                    config.group(), result);
            return;
        }
        long nanos = System.nanoTime() - attempt.startNanos;
        if (result == ConsumeResult.SUCCESS) {
            stats.called(nanos, messages.size());
            pq.markDone(messages);
            commitIfDrained(pq);
            return;
        }
        int acked = batch.ackIndex() + 1;
        stats.called(nanos, acked);
        if (acked > 0) {
            pq.markDone(messages.subList(0, acked));
        }
        fail(pq, messages.subList(acked, messages.size()));
    }

    /**
     * Failed messages: in clustering each is sent back to the broker (retry topic, later the
     * dead-letter queue) and is then done here; one the broker does not take is retried locally
     * after the redelivery delay. In broadcasting each is retried locally up to
     * {@code maxReconsumeTimes}, then logged and counted as dropped.
     */
    private void fail(ProcessQueue pq, List<MessageView> failed) {
        if (failed.isEmpty()) {
            return;
        }
        stats.failed(failed.size());
        List<MessageView> local = new ArrayList<>();
        List<MessageView> settled = new ArrayList<>();
        for (MessageView m : failed) {
            if (config.model() == MessageModel.CLUSTERING ? sendBack(pq, m) : giveUpLocally(pq, m)) {
                settled.add(m);
            } else {
                local.add(m);
            }
        }
        pq.markDone(settled);
        if (!local.isEmpty()) {
            pq.redeliverLater(local, System.nanoTime() + config.redeliveryDelayMs() * 1_000_000L);
            signalLater(pq, config.redeliveryDelayMs());
        }
    }

    private boolean sendBack(ProcessQueue pq, MessageView m) {
        BrokerApi broker = routes.broker(pq.queue.brokerName());
        if (broker == null) {
            return false;
        }
        try {
            SendResponse response = broker.sendBack(new SendBackRequest(config.group(), ((DecodedMessage) m).physicalOffset(),
                    SendBackRequest.DELAY_BY_SCHEDULE, m.messageId(), m.topic(), config.maxReconsumeTimes()));
            if (response.status == SendStatus.OK) {
                return true;
            }
            ClientLog.LOG.warn("group {}: the broker did not take message {} back ({}); retrying it here",
                    config.group(), m.messageId(), response.remark);
        } catch (RuntimeException e) {
            ClientLog.LOG.warn("group {}: sending message {} back failed; retrying it here", config.group(), m.messageId(), e);
        }
        return false;
    }

    /** Broadcasting: true when the message has had all its local retries and is dropped. */
    private boolean giveUpLocally(ProcessQueue pq, MessageView m) {
        int attempts = pq.countLocalFailure(m.queueOffset());
        if (attempts <= config.maxReconsumeTimes()) {
            return false;
        }
        stats.dropped(1);
        ClientLog.LOG.warn("broadcasting group {}: message {} failed {} times; dropped (broadcasting has no retry topic)",
                config.group(), m.messageId(), attempts);
        return true;
    }

    /** Runs on the scheduler: batches past the consume timeout are settled as failed. */
    private void checkTimeouts() {
        long now = System.nanoTime();
        for (Attempt attempt : inFlight) {
            if (now - attempt.startNanos > config.consumeTimeoutNanos() && attempt.settle()) {
                inFlight.remove(attempt);
                ClientLog.LOG.warn("listener of group {} in thread {} has run {} ms on message {} (consume timeout {} ms);"
                                + " its batch of {} is retried", config.group(), attempt.thread.getName(),
                        (now - attempt.startNanos) / 1_000_000, attempt.batch.get(0).messageId(),
                        config.consumeTimeoutNanos() / 1_000_000, attempt.batch.size());
                stats.timedOut(attempt.batch.size());
                fail(attempt.pq, attempt.batch);
            }
        }
    }

    /** One listener call in flight; settled once, by its result or by the consume timeout. */
    private static final class Attempt {
        final ProcessQueue pq;
        final ConsumeBatch batch;
        final Thread thread;
        final long startNanos;
        private final AtomicBoolean settled = new AtomicBoolean();

        Attempt(ProcessQueue pq, ConsumeBatch batch, Thread thread, long startNanos) {
            this.pq = pq;
            this.batch = batch;
            this.thread = thread;
            this.startNanos = startNanos;
        }

        boolean settle() {
            return settled.compareAndSet(false, true);
        }
    }

    private void signalLater(ProcessQueue pq, long delayMs) {
        try {
            scheduler.schedule(() -> pool.signal(pq), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * A queue whose buffer just emptied commits at once: the group's lag then reads 0 when it has
     * caught up, instead of after the next periodic commit. Busy queues commit with their fetches.
     */
    private void commitIfDrained(ProcessQueue pq) {
        if (config.model() == MessageModel.CLUSTERING && pq.bufferedMessages() == 0 && !pq.dropped()) {
            commit(pq);
        }
    }

    private void commitAll() {
        processQueues.values().forEach(this::commit);
    }

    private void commit(ProcessQueue pq) {
        commit(pq, false);
    }

    /** {@code last}: the consumer is closing; the offset is sent even if it was sent before. */
    private void commit(ProcessQueue pq, boolean last) {
        if (lockedOrderly() && !pq.lockedOnce) {
            return; // not started yet: the previous owner's commit stands
        }
        try {
            offsets.update(pq.queue, pq.commitOffset());
            if (last) {
                offsets.commitFinal(pq.queue);
            } else {
                offsets.commit(pq.queue);
            }
        } catch (RuntimeException e) {
            ClientLog.LOG.warn("committing the offset of {} for group {} failed", pq.queue, config.group(), e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(config.shutdownTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        processQueues.values().forEach(ProcessQueue::drop);
        if (!pool.stop(config.shutdownTimeoutMs() * 1_000_000L)) {
            ClientLog.LOG.warn("consumer of group {}: listeners still running after {} ms; their messages will be redelivered",
                    config.group(), config.shutdownTimeoutMs());
        }
        processQueues.values().forEach(pq -> commit(pq, true));
        member.close();
        onClose.run();
    }

    /**
     * Stops like a killed process would: no commit, no unregister, listeners interrupted. The
     * broker notices only when the member's heartbeats expire. For tests of failure handling.
     */
    void crash() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            crashed = true;
        }
        member.abandon();
        scheduler.shutdownNow();
        processQueues.values().forEach(ProcessQueue::drop);
        pool.stop(0);
        onClose.run();
    }

    @Override
    public String toString() {
        return "PushConsumer{group=" + config.group() + ", clientId=" + member.clientId() + "}";
    }

    record PushConsumerConfig(String group, MessageModel model, Map<String, TagFilter> subscriptions,
                              BatchMessageListener listener, int consumeBatchSize, int consumeThreads, int pullBatchSize,
                              io.rocklet.mq.api.ConsumeFromWhere consumeFromWhere, long consumeTimestampMs,
                              int maxBufferedMessages, long maxBufferedBytes, long autoCommitIntervalMs,
                              long rebalanceIntervalMs, long heartbeatIntervalMs, long shutdownTimeoutMs,
                              long redeliveryDelayMs, long spinBeforeParkNanos, int maxReconsumeTimes,
                              long consumeTimeoutNanos, boolean orderly, long suspendTimeMs, long lockLeaseNanos,
                              long lockRenewalMs, java.nio.file.Path offsetFile) {
    }
}
