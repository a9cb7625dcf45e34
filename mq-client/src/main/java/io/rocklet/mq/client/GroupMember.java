package io.rocklet.mq.client;

import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.ConsumerMetrics;
import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.ClientCallbacks;
import io.rocklet.mq.client.protocol.Heartbeat;
import io.rocklet.mq.client.protocol.TagFilter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One consumer's membership in its group: heartbeats to the brokers of its topics, and rebalance —
 * on start, on every interval, and at once when a broker says the group changed. Rebalance runs on
 * the consumer's scheduler thread only.
 */
final class GroupMember implements ClientCallbacks {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    /** Receives the queues this member should consume, per topic. Runs on the scheduler thread. */
    interface Assignment {
        void assign(String topic, Set<MessageQueue> queues);
    }

    private final String clientId;
    private final String group;
    private final MessageModel model;
    private final ConsumeFromWhere consumeFromWhere;
    private final Map<String, TagFilter> subscriptions;
    private final Routes routes;
    private final ScheduledExecutorService scheduler;
    private final Assignment assignment;
    private final java.util.Set<String> heartbeatBrokers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Delay of the next quick retry while a subscribed topic has no route yet; doubles up to the interval. */
    private long missingRouteRetryMs = 50;
    private long rebalanceMs;
    private volatile Supplier<ConsumerMetrics> metrics = () -> null;
    private volatile boolean closed;

    GroupMember(String group, MessageModel model, ConsumeFromWhere consumeFromWhere, Map<String, TagFilter> subscriptions,
                Routes routes, ScheduledExecutorService scheduler, Assignment assignment) {
        this.clientId = "127.0.0.1@" + ProcessHandle.current().pid() + "#" + NEXT_ID.incrementAndGet() + "#" + System.nanoTime();
        this.group = group;
        this.model = model;
        this.consumeFromWhere = consumeFromWhere;
        this.subscriptions = subscriptions;
        this.routes = routes;
        this.scheduler = scheduler;
        this.assignment = assignment;
    }

    String clientId() {
        return clientId;
    }

    /** Receives admin offset resets of this member's group; runs on the scheduler thread. */
    interface ResetHandler {
        void reset(String topic, String brokerName, Map<Integer, Long> offsets);
    }

    private volatile ResetHandler resetHandler = (topic, broker, offsets) -> { };

    void onReset(ResetHandler handler) {
        this.resetHandler = handler;
    }

    @Override
    public void resetOffset(String askedGroup, String topic, String brokerName, Map<Integer, Long> offsets) {
        if (!closed && group.equals(askedGroup)) {
            try {
                scheduler.execute(() -> resetHandler.reset(topic, brokerName, offsets));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    /** What {@link #consumerMetrics} answers for this member's group. */
    void reportMetrics(Supplier<ConsumerMetrics> source) {
        this.metrics = source;
    }

    @Override
    public ConsumerMetrics consumerMetrics(String askedGroup) {
        return group.equals(askedGroup) ? metrics.get() : null;
    }

    void start(long heartbeatMs, long rebalanceMs) {
        this.rebalanceMs = rebalanceMs;
        scheduler.execute(() -> {
            heartbeat();
            rebalance();
        });
        scheduler.scheduleWithFixedDelay(this::heartbeat, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::rebalance, rebalanceMs, rebalanceMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void consumerIdsChanged(String changedGroup) {
        if (!closed && group.equals(changedGroup)) {
            try {
                scheduler.execute(this::rebalance);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing: no more rebalances
            }
        }
    }

    void heartbeat() {
        if (closed) {
            return;
        }
        List<Heartbeat.Subscription> subs = new ArrayList<>();
        subscriptions.forEach((topic, filter) -> subs.add(new Heartbeat.Subscription(topic, filter)));
        Heartbeat heartbeat = new Heartbeat(clientId, List.of(),
                List.of(new Heartbeat.ConsumerData(group, model, consumeFromWhere, subs)));
        for (BrokerApi broker : routes.brokersOf(subscriptions.keySet())) {
            try {
                broker.heartbeat(heartbeat, this);
                heartbeatBrokers.add(broker.brokerName());
            } catch (RuntimeException e) {
                ClientLog.LOG.warn("heartbeat of {} to broker {} failed", clientId, broker.brokerName(), e);
            }
        }
    }

    void rebalance() {
        if (closed) {
            return;
        }
        if (routes.brokersOf(subscriptions.keySet()).stream().anyMatch(b -> !heartbeatBrokers.contains(b.brokerName()))) {
            heartbeat(); // a broker we have not joined yet: become a member before asking who the members are
        }
        boolean missingRoute = false;
        for (String topic : subscriptions.keySet()) {
            try {
                List<MessageQueue> all = routes.readQueues(topic);
                missingRoute |= all.isEmpty();
                Set<MessageQueue> mine = new LinkedHashSet<>();
                if (model == MessageModel.BROADCASTING) {
                    mine.addAll(all);
                } else if (!all.isEmpty()) {
                    List<String> ids = consumerIds(all);
                    mine.addAll(AverageAllocation.allocate(all, ids, clientId));
                }
                assignment.assign(topic, mine);
            } catch (RuntimeException e) {
                ClientLog.LOG.warn("rebalance of group {} on topic {} failed", group, topic, e);
            }
        }
        retrySoonIfRouteMissing(missingRoute);
    }

    /** A topic that does not exist yet is looked up again soon, not only after the rebalance interval. */
    private void retrySoonIfRouteMissing(boolean missingRoute) {
        if (!missingRoute) {
            missingRouteRetryMs = 50;
            return;
        }
        if (missingRouteRetryMs < rebalanceMs) {
            try {
                scheduler.schedule(this::rebalance, missingRouteRetryMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // closing
            }
            missingRouteRetryMs *= 2;
        }
    }

    private List<String> consumerIds(List<MessageQueue> queues) {
        for (MessageQueue queue : queues) {
            BrokerApi broker = routes.broker(queue.brokerName());
            if (broker != null) {
                List<String> ids = new ArrayList<>(broker.consumerIds(group));
                if (!ids.contains(clientId)) {
                    // The route appeared after our last heartbeat: join first, or we would take nothing.
                    heartbeat();
                    ids = new ArrayList<>(broker.consumerIds(group));
                }
                ids.sort(null);
                return ids;
            }
        }
        return List.of();
    }

    /** Leaves the group on every broker at once. */
    /** Stops heartbeating and rebalancing without leaving the group (a crash, for tests). */
    void abandon() {
        closed = true;
    }

    void close() {
        closed = true;
        for (BrokerApi broker : routes.brokersOf(subscriptions.keySet())) {
            try {
                broker.unregister(clientId, null, group);
            } catch (RuntimeException e) {
                ClientLog.LOG.warn("unregistering {} from broker {} failed", clientId, broker.brokerName(), e);
            }
        }
    }
}
