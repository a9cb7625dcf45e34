package io.rocklet.mq.broker;

import io.rocklet.mq.api.internal.SystemTopics;
import io.rocklet.mq.broker.store.CommitLog;
import io.rocklet.mq.broker.store.ConsumeQueue;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides when the oldest CommitLog segment may go: when every group that holds a topic has
 * committed past that topic's records in it. A clustering group holds while it has a live member
 * or was seen (heartbeat or commit) within the offline retention; a topic nobody holds is a ring.
 * Runs under the broker's write lock, only when an append finds the budget spent.
 */
final class ReleaseRule {
    private final CommitLog commitLog;
    private final TopicTable topics;
    private final ConsumerOffsets offsets;
    private final ConsumerGroups groups;
    private final TimerService timer;
    private final TransactionService transactions;
    private final long retentionNanos;

    ReleaseRule(CommitLog commitLog, TopicTable topics, ConsumerOffsets offsets, ConsumerGroups groups,
                TimerService timer, TransactionService transactions, long retentionNanos) {
        this.commitLog = commitLog;
        this.topics = topics;
        this.offsets = offsets;
        this.groups = groups;
        this.timer = timer;
        this.transactions = transactions;
        this.retentionNanos = retentionNanos;
    }

    /**
     * Retires the oldest segment if nothing holds it, trimming every consume queue past it.
     * Returns null when it did; otherwise what holds it, for the {@code StoreFullException}.
     */
    String releaseOldest(long nowNanos) {
        long segmentEnd = commitLog.oldestSegmentEnd();
        if (segmentEnd < 0) {
            return "the store budget (" + commitLog.segmentBytes() + "-byte segments) has room only for the segment being written";
        }
        List<Runnable> trims = new ArrayList<>();
        for (Topic topic : topics.all()) {
            String holder = checkTopic(topic, segmentEnd, nowNanos, trims);
            if (holder != null) {
                return holder;
            }
        }
        trims.forEach(Runnable::run);
        commitLog.retireOldest();
        BrokerLog.LOG.debug("released the store segment ending at {}", segmentEnd);
        return null;
    }

    /**
     * Retention of the file medium: retires the oldest segment whatever consumers have read (as
     * RocketMQ deletes by age and disk use), unless it still holds delayed messages waiting for
     * their time or unresolved half messages. Returns null when it retired it, else why not.
     */
    String retireOldestForRetention() {
        long segmentEnd = commitLog.oldestSegmentEnd();
        if (segmentEnd < 0) {
            return "only the segment being written is left";
        }
        List<Runnable> trims = new ArrayList<>();
        for (Topic topic : topics.all()) {
            ConsumeQueue queue0 = topic.queue(0);
            if (topic.name().equals(SystemTopics.SCHEDULE) && timer.lowestPending() < queue0.firstOffsetFrom(segmentEnd)) {
                return timer.pendingCount() + " delayed messages wait in it";
            }
            if (topic.name().equals(TransactionService.HALF_TOPIC)
                    && transactions.lowestUnresolved() < queue0.firstOffsetFrom(segmentEnd)) {
                return transactions.unresolvedCount() + " unresolved half messages are in it";
            }
            for (int queueId = 0; queueId < topic.queueCount(); queueId++) {
                ConsumeQueue queue = topic.queue(queueId);
                long cut = queue.firstOffsetFrom(segmentEnd);
                trims.add(() -> queue.trimTo(cut));
            }
        }
        trims.forEach(Runnable::run);
        commitLog.retireOldest();
        return null;
    }

    private String checkTopic(Topic topic, long segmentEnd, long nowNanos, List<Runnable> trims) {
        if (SystemTopics.isDeadLetterTopic(topic.name())) {
            ConsumeQueue queue = topic.queue(0);
            if (queue.firstOffsetFrom(segmentEnd) > queue.minOffset()) {
                return "dead letters of " + topic.name() + " (" + (queue.maxOffset() - queue.minOffset())
                        + " messages; dead-letter queues are kept)";
            }
            return null;
        }
        if (topic.name().equals(TransactionService.HALF_TOPIC)) {
            ConsumeQueue queue = topic.queue(0);
            long cut = queue.firstOffsetFrom(segmentEnd);
            if (transactions.lowestUnresolved() < cut) {
                return transactions.unresolvedCount() + " unresolved transactional half messages";
            }
            trims.add(() -> queue.trimTo(cut));
            return null;
        }
        if (topic.name().equals(SystemTopics.SCHEDULE)) {
            ConsumeQueue queue = topic.queue(0);
            long cut = queue.firstOffsetFrom(segmentEnd);
            if (timer.lowestPending() < cut) {
                return timer.pendingCount() + " messages waiting in " + SystemTopics.SCHEDULE + " for their delivery time";
            }
            trims.add(() -> queue.trimTo(cut));
            return null;
        }
        List<String> holders = new ArrayList<>();
        List<ConsumerOffsets.TopicOffsets> holderOffsets = new ArrayList<>();
        offsets.groupsOf(topic.name()).forEach((group, committed) -> {
            if (groups.holds(group, topic.name(), nowNanos, retentionNanos)
                    || nowNanos - committed.lastCommitNanos <= retentionNanos) {
                holders.add(group);
                holderOffsets.add(committed);
            }
        });
        for (String group : groups.groupsSubscribedTo(topic.name())) {
            if (!holders.contains(group) && groups.holds(group, topic.name(), nowNanos, retentionNanos)) {
                holders.add(group); // subscribed but nothing committed yet: holds from the queue's start
                holderOffsets.add(null);
            }
        }
        for (int queueId = 0; queueId < topic.queueCount(); queueId++) {
            ConsumeQueue queue = topic.queue(queueId);
            long min = queue.minOffset();
            long cut = queue.firstOffsetFrom(segmentEnd);
            if (cut == min) {
                continue; // nothing of this queue in the oldest segment
            }
            for (int i = 0; i < holders.size(); i++) {
                long committed = holderOffsets.get(i) == null ? -1 : holderOffsets.get(i).get(queueId);
                if (committed < cut) {
                    return "consumer group " + holders.get(i) + " holds topic " + topic.name() + " queue " + queueId
                            + " at offset " + Math.max(committed, min) + " (" + (queue.maxOffset() - Math.max(committed, min))
                            + " messages not yet consumed)";
                }
            }
            trims.add(() -> queue.trimTo(cut));
        }
        return null;
    }
}
