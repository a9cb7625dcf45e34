package io.rocklet.mq.client;

import io.rocklet.mq.api.BatchMessageListener;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.client.internal.NamedThreadFactory;
import io.rocklet.mq.client.protocol.BrokerApi;
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

/**
 * The push consumer runtime. Workers of the {@link ConsumePool} both fetch (one at a time per
 * queue, holding its fetch token) and consume. A queue with nothing new registers an arrival
 * listener at the broker, which puts the queue back on the ready queue and wakes one worker.
 */
final class DefaultPushConsumer implements PushConsumer {
    /** Batches a worker consumes from one queue before it lets the queue go back to the ready list. */
    private static final int MAX_TURNS = 16;

    private final PushConsumerConfig config;
    private final Routes routes;
    private final Runnable onClose;
    private final OffsetStore offsets;
    private final ConcurrentHashMap<MessageQueue, ProcessQueue> processQueues = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final GroupMember member;
    private final ConsumePool pool;
    private volatile boolean closed;

    DefaultPushConsumer(PushConsumerConfig config, Routes routes, Runnable onClose) {
        this.config = config;
        this.routes = routes;
        this.onClose = onClose;
        this.offsets = config.model() == MessageModel.CLUSTERING
                ? new OffsetStore.Remote(config.group(), routes) : new OffsetStore.Local();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("consumer-scheduler-" + config.group()));
        this.member = new GroupMember(config.group(), config.model(), config.consumeFromWhere(), config.subscriptions(),
                routes, scheduler, this::onAssignment);
        this.pool = new ConsumePool(config.group(), config.consumeThreads(), config.spinBeforeParkNanos(), this::work);
    }

    void start() {
        pool.start();
        member.start(config.heartbeatIntervalMs(), config.rebalanceIntervalMs());
        long commitMs = config.autoCommitIntervalMs();
        scheduler.scheduleWithFixedDelay(this::commitAll, commitMs, commitMs, TimeUnit.MILLISECONDS);
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
                commit(pq);
                processQueues.remove(pq.queue);
                offsets.remove(pq.queue);
            }
        }
        TagFilter filter = config.subscriptions().get(topic);
        for (MessageQueue queue : assigned) {
            if (!processQueues.containsKey(queue)) {
                long start = StartOffsets.resolve(queue, offsets, config.consumeFromWhere(), config.consumeTimestampMs(), routes);
                ProcessQueue pq = new ProcessQueue(queue, filter, start, config.maxBufferedMessages(), config.maxBufferedBytes());
                processQueues.put(queue, pq);
                pool.signal(pq);
            }
        }
    }

    /**
     * A worker's turns on a ready queue: claim a batch (fetching first if none), consume it, and go
     * on with the same queue while it has work (up to {@link #MAX_TURNS}), so a busy queue costs no
     * hand-off between threads. While unclaimed messages remain, one more worker is woken to share.
     */
    private void work(ProcessQueue pq) {
        for (int turn = 0; turn < MAX_TURNS && !pq.dropped() && !closed; turn++) {
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

    private void onArrival(ProcessQueue pq) {
        pq.armed.set(false);
        pool.signal(pq);
    }

    private void consume(ProcessQueue pq, List<MessageView> batch) {
        ConsumeResult result;
        try {
            pool.enterListener();
            try {
                result = config.listener().consume(batch);
            } finally {
                pool.exitListener();
            }
        } catch (Throwable t) {
            ClientLog.LOG.warn("listener of group {} threw on {} message(s) from {}; they will be redelivered",
                    config.group(), batch.size(), pq.queue, t);
            result = ConsumeResult.RECONSUME_LATER;
        }
        if (result == ConsumeResult.SUCCESS) {
            pq.markDone(batch);
        } else {
            pq.redeliverLater(batch, System.nanoTime() + config.redeliveryDelayMs() * 1_000_000L);
            signalLater(pq, config.redeliveryDelayMs());
        }
    }

    private void signalLater(ProcessQueue pq, long delayMs) {
        try {
            scheduler.schedule(() -> pool.signal(pq), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void commitAll() {
        processQueues.values().forEach(this::commit);
    }

    private void commit(ProcessQueue pq) {
        try {
            offsets.update(pq.queue, pq.commitOffset());
            offsets.commit(pq.queue);
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
        commitAll();
        member.close();
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
                              long redeliveryDelayMs, long spinBeforeParkNanos) {
    }
}
