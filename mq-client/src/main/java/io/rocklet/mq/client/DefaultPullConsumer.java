package io.rocklet.mq.client;

import io.rocklet.mq.api.ClientClosedException;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.PullConsumer;
import io.rocklet.mq.api.internal.MessageChecks;
import io.rocklet.mq.client.internal.NamedThreadFactory;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.PullStatus;
import io.rocklet.mq.client.protocol.TagFilter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The pull consumer runtime. {@code poll} reads the assigned queues in turn on the calling thread;
 * when all are empty it parks until a broker reports an arrival or the timeout passes. Auto-commit
 * happens inside {@code poll} once the interval passed, and on close.
 */
final class DefaultPullConsumer implements PullConsumer {
    private final PullConsumerConfig config;
    private final Routes routes;
    private final Runnable onClose;
    private final OffsetStore.Remote offsets;
    private final ConcurrentHashMap<MessageQueue, QueueState> queues = new ConcurrentHashMap<>();
    private final Map<String, TagFilter> subscriptions = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private GroupMember member;
    private volatile Thread poller;
    private long lastCommitNanos = System.nanoTime();
    private int cursor;
    private volatile boolean closed;

    DefaultPullConsumer(PullConsumerConfig config, Routes routes, Runnable onClose) {
        this.config = config;
        this.routes = routes;
        this.onClose = onClose;
        this.offsets = new OffsetStore.Remote(config.group(), routes);
    }

    /** Position and flags of one assigned queue. */
    private final class QueueState {
        final MessageQueue queue;
        final TagFilter filter;
        volatile long position;
        volatile boolean paused;
        final AtomicBoolean armed = new AtomicBoolean();

        QueueState(MessageQueue queue, TagFilter filter, long position) {
            this.queue = queue;
            this.filter = filter;
            this.position = position;
        }

        void onArrival() {
            armed.set(false);
            Thread t = poller;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    @Override
    public synchronized void subscribe(String topic, String tagExpression) {
        ensureOpen();
        MessageChecks.topic(topic);
        if (member == null && !queues.isEmpty()) {
            throw new InvalidConfigurationException("consumer of group " + config.group() + " already uses assign()");
        }
        subscriptions.put(topic, TagFilter.parse(tagExpression));
        if (member == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("pull-consumer-" + config.group()));
            member = new GroupMember(config.group(), MessageModel.CLUSTERING, config.consumeFromWhere(), subscriptions,
                    routes, scheduler, this::onAssignment);
            member.start(config.heartbeatInterval().toMillis(), config.rebalanceInterval().toMillis());
        } else {
            scheduler.execute(() -> {
                member.heartbeat();
                member.rebalance();
            });
        }
    }

    private void onAssignment(String topic, Set<MessageQueue> assigned) {
        TagFilter filter = subscriptions.get(topic);
        for (QueueState state : List.copyOf(queues.values())) {
            if (state.queue.topic().equals(topic) && !assigned.contains(state.queue)) {
                commit(state);
                queues.remove(state.queue);
            }
        }
        for (MessageQueue queue : assigned) {
            queues.computeIfAbsent(queue, q -> new QueueState(q, filter, start(q)));
        }
    }

    @Override
    public synchronized void assign(Collection<MessageQueue> assigned) {
        ensureOpen();
        if (member != null) {
            throw new InvalidConfigurationException("consumer of group " + config.group() + " already uses subscribe()");
        }
        queues.keySet().retainAll(assigned);
        for (MessageQueue queue : assigned) {
            queues.computeIfAbsent(queue, q -> new QueueState(q, TagFilter.ALL, start(q)));
        }
    }

    private long start(MessageQueue queue) {
        return StartOffsets.resolve(queue, offsets, config.consumeFromWhere(), 0, routes);
    }

    @Override
    public List<MessageQueue> queues(String topic) {
        ensureOpen();
        return routes.readQueues(MessageChecks.topic(topic));
    }

    @Override
    public Set<MessageQueue> assignment() {
        return new TreeSet<>(queues.keySet());
    }

    @Override
    public List<MessageView> poll(Duration timeout) {
        ensureOpen();
        poller = Thread.currentThread();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                List<MessageView> messages = pollOnce();
                autoCommit();
                long left = deadline - System.nanoTime();
                if (!messages.isEmpty() || left <= 0 || closed) {
                    return messages;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            poller = null;
        }
    }

    private List<MessageView> pollOnce() {
        List<QueueState> states = new ArrayList<>(queues.values());
        int n = states.size();
        for (int i = 0; i < n; i++) {
            QueueState state = states.get((cursor + i) % n);
            if (state.paused) {
                continue;
            }
            BrokerApi broker = routes.broker(state.queue);
            if (broker == null) {
                continue;
            }
            boolean arm = state.armed.compareAndSet(false, true);
            Fetched fetched = Fetched.pull(broker, config.group(), state.queue, state.position, config.pullBatchSize(),
                    state.filter, -1, arm ? state::onArrival : null);
            if (arm && fetched.status() != PullStatus.NO_NEW_MSG) {
                state.armed.set(false); // not registered at the broker
            }
            state.position = fetched.nextOffset();
            if (!fetched.messages().isEmpty()) {
                cursor = (cursor + i + 1) % n;
                return fetched.messages();
            }
        }
        return List.of();
    }

    private void autoCommit() {
        Duration interval = config.autoCommitInterval();
        if (interval != null && System.nanoTime() - lastCommitNanos >= interval.toNanos()) {
            commitSync();
        }
    }

    @Override
    public void commitSync() {
        ensureOpen();
        queues.values().forEach(this::commit);
        lastCommitNanos = System.nanoTime();
    }

    private void commit(QueueState state) {
        offsets.update(state.queue, state.position);
        offsets.commit(state.queue);
    }

    @Override
    public long committed(MessageQueue queue) {
        ensureOpen();
        BrokerApi broker = routes.broker(queue);
        return broker == null ? -1 : broker.queryOffset(config.group(), queue.topic(), queue.queueId());
    }

    @Override
    public long position(MessageQueue queue) {
        return state(queue).position;
    }

    @Override
    public void seek(MessageQueue queue, long offset) {
        QueueState state = state(queue);
        BrokerApi broker = routes.broker(queue);
        long min = broker.minOffset(queue.topic(), queue.queueId());
        long max = broker.maxOffset(queue.topic(), queue.queueId());
        if (offset < min || offset > max) {
            throw new InvalidConfigurationException("offset " + offset + " of " + queue + " is outside [" + min + ", " + max + "]");
        }
        state.position = offset;
    }

    @Override
    public void seekToBeginning(MessageQueue queue) {
        state(queue).position = routes.broker(queue).minOffset(queue.topic(), queue.queueId());
    }

    @Override
    public void seekToEnd(MessageQueue queue) {
        state(queue).position = routes.broker(queue).maxOffset(queue.topic(), queue.queueId());
    }

    @Override
    public void pause(Collection<MessageQueue> paused) {
        paused.forEach(q -> state(q).paused = true);
    }

    @Override
    public void resume(Collection<MessageQueue> resumed) {
        resumed.forEach(q -> state(q).paused = false);
        Thread t = poller;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private QueueState state(MessageQueue queue) {
        ensureOpen();
        QueueState state = queues.get(queue);
        if (state == null) {
            throw new InvalidConfigurationException("queue " + queue + " is not assigned to this consumer");
        }
        return state;
    }

    private void ensureOpen() {
        if (closed) {
            throw new ClientClosedException("pull consumer of group " + config.group());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (config.autoCommitInterval() != null) {
            queues.values().forEach(this::commit);
        }
        closed = true;
        Thread t = poller;
        if (t != null) {
            LockSupport.unpark(t);
        }
        if (member != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            member.close();
        }
        onClose.run();
    }

    @Override
    public String toString() {
        return "PullConsumer{group=" + config.group() + "}";
    }

    record PullConsumerConfig(String group, Duration autoCommitInterval, int pullBatchSize,
                              ConsumeFromWhere consumeFromWhere, Duration rebalanceInterval, Duration heartbeatInterval) {
    }
}
