package io.rocklet.mq.broker;

import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.internal.PropertyNames;
import io.rocklet.mq.api.internal.SystemTopics;
import io.rocklet.mq.broker.store.CommitLog;
import io.rocklet.mq.broker.store.ConsumeQueue;
import io.rocklet.mq.broker.store.Segment;
import io.rocklet.mq.broker.store.SegmentLeases;
import io.rocklet.mq.client.codec.MessageRecord;
import io.rocklet.mq.client.codec.RecordReader;
import io.rocklet.mq.client.codec.RecordRewriter;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.ClientCallbacks;
import io.rocklet.mq.client.protocol.EndTransactionRequest;
import io.rocklet.mq.client.protocol.Heartbeat;
import io.rocklet.mq.client.protocol.PullRequest;
import io.rocklet.mq.client.protocol.PullResponse;
import io.rocklet.mq.client.protocol.PullStatus;
import io.rocklet.mq.client.protocol.SendBackRequest;
import io.rocklet.mq.client.protocol.SendRequest;
import io.rocklet.mq.client.protocol.SendResponse;
import io.rocklet.mq.client.protocol.SendStatus;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The broker's side of the broker protocol: appends, reads, offsets and group membership, on the
 * caller's thread. One write lock covers reserve + copy + patch + consume-queue entries + publish;
 * encoding and CRC were done by the sender outside it.
 */
final class BrokerService implements BrokerApi {
    /** Entries a pull may scan past non-matching tags before answering NO_MATCHED_MSG. */
    static final int MAX_FILTER_SCAN = 4096;

    private final BrokerConfig config;
    private final long storeHost;
    private final CommitLog commitLog;
    private final TopicTable topics;
    private final ConsumerOffsets offsets;
    private final ConsumerGroups groups;
    private final ReleaseRule releaseRule;
    private final TimerService timer;
    private final RetryService retry;
    private final ProducerGroups producers = new ProducerGroups();
    private final QueueLocks locks;
    /** File medium only: makes appends durable (null in memory). */
    private volatile FlushService flush;
    private final TransactionService transactions;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final LongAdder offsetMovedCount = new LongAdder();
    private volatile boolean closed;

    BrokerService(BrokerConfig config, long storeHost, CommitLog commitLog, TopicTable topics,
                  ConsumerOffsets offsets, ConsumerGroups groups) {
        this.config = config;
        this.storeHost = storeHost;
        this.commitLog = commitLog;
        this.topics = topics;
        this.offsets = offsets;
        this.groups = groups;
        this.timer = new TimerService(config.name(), this);
        this.locks = new QueueLocks(config.queueLockTtl().toNanos());
        this.retry = new RetryService(config, commitLog, this, timer);
        this.transactions = new TransactionService(config.name(), this, producers, config.transactionCheckImmunity(),
                config.transactionCheckInterval(), config.transactionCheckMax());
        this.releaseRule = new ReleaseRule(commitLog, topics, offsets, groups, timer, transactions,
                config.offlineGroupRetention().toNanos());
    }

    void start() {
        timer.start();
        transactions.start();
        if (flush != null) {
            flush.start();
        }
    }

    /** Whether the store outlives the process (then system operations are journaled). */
    boolean durable() {
        return commitLog.medium().durable();
    }

    /** After recovery: delayed messages and half messages not yet done wait again. */
    void restoreFromLog() {
        timer.restore();
        transactions.restore();
    }

    /**
     * Journals that a system message at {@code offset} of its topic is done (delivered, resolved),
     * in {@code journalTopic}, so a restart does not redo it. Durable stores only.
     */
    void journal(String journalTopic, long offset) {
        if (!durable()) {
            return;
        }
        byte[] body = ByteBuffer.allocate(8).putLong(offset).array();
        long now = System.currentTimeMillis();
        ByteBuffer record = io.rocklet.mq.client.codec.RecordEncoder.encodeRaw(journalTopic, 0, 0, 0, now, 0, now, storeHost,
                0, body, new byte[0]);
        SendResponse response = appendOwn(journalTopic, 0, record, 0);
        if (response.status != SendStatus.OK) {
            BrokerLog.LOG.warn("journaling {} offset {} failed ({}); after a restart it may be redone", journalTopic, offset,
                    response.remark);
        }
    }

    /** The offsets journaled in {@code journalTopic}. */
    java.util.Set<Long> journaled(String journalTopic) {
        java.util.Set<Long> done = new java.util.HashSet<>();
        forEachRecord(journalTopic, (record, offset) -> done.add(
                record.getLong(MessageRecord.bodyLengthAt(RecordReader.sysFlag(record, 0)) + 4)));
        return done;
    }

    /** Visits the records of queue 0 of a system topic, oldest first, with their queue offsets. */
    void forEachRecord(String topic, java.util.function.ObjLongConsumer<ByteBuffer> visitor) {
        Topic t = topics.get(topic);
        ConsumeQueue queue = t == null ? null : t.queue(0);
        for (long o = queue == null ? 0 : queue.minOffset(); queue != null && o < queue.maxOffset(); o++) {
            ByteBuffer record = copyRecord(topic, 0, o);
            if (record != null) {
                visitor.accept(record, o);
            }
        }
    }

    /**
     * File medium retention: deletes whole old segments while the oldest is older than
     * {@code maxAgeMs} or the disk is fuller than {@code diskHighWater} (a fraction), never one
     * holding pending delayed or unresolved half messages. Runs on the flush thread.
     */
    void applyRetention(long maxAgeMs, double diskHighWater, java.nio.file.Path dir) {
        while (true) {
            long segmentEnd = commitLog.oldestSegmentEnd();
            if (segmentEnd < 0) {
                return;
            }
            boolean old = false;
            io.rocklet.mq.broker.store.Segment next = commitLog.acquire(segmentEnd);
            if (next != null) {
                try {
                    ByteBuffer view = commitLog.slice(next, segmentEnd, MessageRecord.OVERHEAD_V4);
                    old = RecordReader.storeTimestamp(view, 0) < System.currentTimeMillis() - maxAgeMs;
                } finally {
                    next.release();
                }
            }
            boolean full = diskUse(dir) > diskHighWater;
            if (!old && !full) {
                return;
            }
            String reason;
            writeLock.lock();
            try {
                reason = releaseRule.retireOldestForRetention();
            } finally {
                writeLock.unlock();
            }
            if (reason != null) {
                BrokerLog.LOG.warn("retention keeps the oldest segment ({}): {}", old ? "old" : "disk full", reason);
                return;
            }
            BrokerLog.LOG.info("retention deleted the segment ending at {} ({})", segmentEnd, old ? "older than the retention" : "disk above its high-water mark");
        }
    }

    private static double diskUse(java.nio.file.Path dir) {
        try {
            java.nio.file.FileStore store = java.nio.file.Files.getFileStore(dir);
            return 1.0 - (double) store.getUsableSpace() / store.getTotalSpace();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    void useFlush(FlushService flush) {
        this.flush = flush;
    }

    ProducerGroups producers() {
        return producers;
    }

    TransactionService transactions() {
        return transactions;
    }

    @Override
    public Set<MessageQueue> lockBatch(String group, String clientId, Set<MessageQueue> queues) {
        return closed ? Set.of() : locks.lock(group, clientId, queues, System.nanoTime());
    }

    @Override
    public void unlockBatch(String group, String clientId, Set<MessageQueue> queues) {
        if (locks.unlock(group, clientId, queues)) {
            groups.notifyMembers(group); // a member waiting for one of these queues takes it now
        }
    }

    @Override
    public void endTransaction(EndTransactionRequest request) {
        if (!closed) {
            transactions.end(request);
        }
    }

    TimerService timer() {
        return timer;
    }

    ConsumerGroups groups() {
        return groups;
    }

    /** Closes one second of every topic's produce rate. */
    void tickRates() {
        topics.all().forEach(t -> t.produced().tick());
    }

    /** The broker's own append of one record (retry, dead letter, timer); a missing topic gets one queue. */
    SendResponse appendOwn(String topic, int queueId, ByteBuffer record, long tagHash) {
        if (topics.get(topic) == null) {
            topics.getOrCreate(topic, queueId + 1);
        }
        SendRequest request = new SendRequest();
        request.topic = topic;
        request.queueId = queueId;
        request.records = record;
        request.tagHashes(1);
        request.tagHashes[0] = tagHash;
        SendResponse response = new SendResponse();
        send(request, response);
        return response;
    }

    /** A heap copy of the record at {@code queueOffset} of the queue, or null when it is gone. */
    ByteBuffer copyRecord(String topic, int queueId, long queueOffset) {
        Topic t = topics.get(topic);
        ConsumeQueue queue = t == null ? null : t.queue(queueId);
        if (queue == null || queueOffset < queue.minOffset() || queueOffset >= queue.maxOffset()) {
            return null;
        }
        long physicalOffset = queue.physicalOffset(queueOffset);
        return physicalOffset < 0 ? null : commitLog.copyRecord(physicalOffset);
    }

    @Override
    public SendResponse sendBack(SendBackRequest request) {
        if (closed) {
            SendResponse response = new SendResponse();
            fail(response, SendStatus.SERVICE_NOT_AVAILABLE, "broker " + config.name() + " is closed");
            return response;
        }
        return retry.sendBack(request);
    }

    @Override
    public String brokerName() {
        return config.name();
    }

    @Override
    public long storeHost() {
        return storeHost;
    }

    @Override
    public void send(SendRequest request, SendResponse response) {
        response.clear();
        response.queueId = request.queueId;
        if (closed) {
            fail(response, SendStatus.SERVICE_NOT_AVAILABLE, "broker " + config.name() + " is closed");
            return;
        }
        Topic topic = topics.get(request.topic);
        if (topic == null) {
            if (!config.autoCreateTopics()) {
                fail(response, SendStatus.TOPIC_NOT_FOUND, "topic not found: " + request.topic);
                return;
            }
            int queues = request.defaultTopicQueues > 0
                    ? Math.min(request.defaultTopicQueues, config.defaultQueues()) : config.defaultQueues();
            topic = topics.getOrCreate(request.topic, queues);
        }
        ConsumeQueue queue = topic.queue(request.queueId);
        ByteBuffer records = request.records;
        int size = records.remaining();
        if (queue == null || request.queueId >= topic.config().writeQueues()) {
            fail(response, SendStatus.MESSAGE_ILLEGAL, "topic " + request.topic + " has no writable queue " + request.queueId);
            return;
        }
        if (size > config.maxRecordBytes()) {
            fail(response, SendStatus.MESSAGE_ILLEGAL, "record of " + size + " bytes exceeds " + config.maxRecordBytes());
            return;
        }
        if (request.transactionPrepared) {
            if (request.deliverAtMs > 0 || request.delayLevel > 0 || request.count != 1) {
                fail(response, SendStatus.MESSAGE_ILLEGAL, "a transactional message cannot be delayed or batched");
                return;
            }
            transactions.prepare(request, response);
            return;
        }
        if ((request.deliverAtMs > 0 || request.delayLevel > 0) && !request.topic.equals(SystemTopics.SCHEDULE)) {
            long dueMs = request.delayLevel > 0
                    ? System.currentTimeMillis() + RetryService.DELAY_LEVELS.get(Math.min(request.delayLevel, RetryService.DELAY_LEVELS.size()) - 1).toMillis()
                    : request.deliverAtMs;
            if (dueMs > System.currentTimeMillis()) {
                scheduleDelayed(request, dueMs, response);
                return;
            }
        }
        if (!append(request, queue, records, size, response)) {
            return;
        }
        FlushService f = flush;
        if (f != null) {
            if (f.policy() == io.rocklet.mq.api.FlushPolicy.SYNC) {
                f.awaitFlushed(response.physicalOffset + size);
            }
            response.flushPolicy = f.policy();
        }
        topic.produced().add(request.count);
        Topic.Waiters waiters = topic.waiters(request.queueId);
        if (!waiters.isEmpty()) {
            waiters.fire();
        }
    }

    /**
     * A delayed message: re-encoded (outside the lock) for the schedule topic with its real topic,
     * queue and delivery time in its properties, and parked in the timer. The answer names the
     * real queue; its queue offset is -1 until the message is delivered there.
     */
    private void scheduleDelayed(SendRequest request, long dueMs, SendResponse response) {
        ByteBuffer record = request.records;
        int at = record.position();
        java.util.Map<String, String> properties = RecordRewriter.properties(record, at);
        properties.put(PropertyNames.REAL_TOPIC, request.topic);
        properties.put(PropertyNames.REAL_QID, Integer.toString(request.queueId));
        properties.put(PropertyNames.TIMER_DELIVER_MS, Long.toString(dueMs));
        ByteBuffer parked = RecordRewriter.rewrite(record, at, SystemTopics.SCHEDULE, 0,
                RecordRewriter.reconsumeTimes(record, at), properties, System.currentTimeMillis(), storeHost);
        SendResponse scheduled = timer.schedule(parked, request.tagHashes[0], dueMs);
        response.status = scheduled.status;
        response.remark = scheduled.remark;
        response.physicalOffset = scheduled.physicalOffset;
        response.queueId = request.queueId;
        response.queueOffset = -1;
    }

    private boolean append(SendRequest request, ConsumeQueue queue, ByteBuffer records, int size, SendResponse response) {
        int count = request.count;
        writeLock.lock();
        try {
            long physicalOffset = reserve(queue, count, size);
            String holder = commitLog.medium().durable()
                    ? "no room for a new segment of " + commitLog.segmentBytes() + " bytes (disk full or a write error; see the log)"
                    : null;
            while (physicalOffset < 0 && holder == null && (holder = releaseRule.releaseOldest(System.nanoTime())) == null) {
                physicalOffset = reserve(queue, count, size);
            }
            if (physicalOffset < 0) {
                fail(response, SendStatus.STORE_FULL, "store full (budget " + config.storeBudgetBytes() + " bytes): " + holder);
                return false;
            }
            commitLog.write(physicalOffset, records);
            ByteBuffer segment = commitLog.segmentOf(physicalOffset);
            int at = commitLog.positionOf(physicalOffset);
            long queueOffset = queue.writeOffset();
            for (int i = 0; i < count; i++) {
                int recordSize = segment.getInt(at);
                long recordOffset = physicalOffset + (at - commitLog.positionOf(physicalOffset));
                segment.putLong(at + MessageRecord.QUEUE_OFFSET, queueOffset + i);
                segment.putLong(at + MessageRecord.PHYSICAL_OFFSET, recordOffset);
                queue.put(queueOffset + i, recordOffset, recordSize, request.tagHashes[i]);
                at += recordSize;
            }
            commitLog.publish();
            queue.publish(queueOffset + count);
            response.status = SendStatus.OK;
            response.physicalOffset = physicalOffset;
            response.queueOffset = queueOffset;
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    private long reserve(ConsumeQueue queue, int count, int size) {
        return queue.ensureCapacity(count) ? commitLog.reserve(size) : -1;
    }

    private static void fail(SendResponse response, SendStatus status, String remark) {
        response.status = status;
        response.remark = remark;
    }

    @Override
    public PullResponse pull(PullRequest request) {
        Topic topic = topics.get(request.topic());
        ConsumeQueue queue = topic == null ? null : topic.queue(request.queueId());
        if (queue == null) {
            return new PullResponse(PullStatus.NO_NEW_MSG, request.queueOffset(), 0, 0);
        }
        if (request.commitOffset() >= 0 && request.group() != null) {
            offsets.commitForward(request.group(), request.topic(), request.queueId(), request.commitOffset());
        }
        long offset = request.queueOffset();
        long min = queue.minOffset();
        long max = queue.maxOffset();
        if (offset < min || offset > max) {
            return offsetMoved(request, offset < min ? min : max, min, max);
        }
        if (offset == max) {
            if (request.arrivalListener() != null) {
                Topic.Waiters waiters = topic.waiters(request.queueId());
                waiters.add(request.arrivalListener());
                if (queue.maxOffset() > offset) {
                    waiters.fire(); // a message landed between our check and the registration
                }
            }
            return new PullResponse(PullStatus.NO_NEW_MSG, offset, min, max);
        }
        return read(request, queue, offset, min, max);
    }

    /**
     * Reads up to the request's batch, holding a reference on each segment it reads from (released
     * by the puller once it has copied the records). Stops early where the release rule has
     * trimmed the queue under it.
     */
    private PullResponse read(PullRequest request, ConsumeQueue queue, long offset, long min, long max) {
        List<ByteBuffer> records = new ArrayList<>(Math.min(request.maxMessages(), (int) Math.min(max - offset, 32)));
        SegmentLeases leases = new SegmentLeases();
        long end = Math.min(max, offset + MAX_FILTER_SCAN);
        long next = offset;
        while (next < end && records.size() < request.maxMessages()) {
            if (request.filter() == null || request.filter().matchesHash(queue.tagHash(next))) {
                long physicalOffset = queue.physicalOffset(next);
                Segment segment = physicalOffset < 0 ? null : leases.segmentFor(commitLog, physicalOffset);
                int size = queue.size(next);
                if (segment == null || size <= 0) {
                    break; // trimmed while we read
                }
                records.add(commitLog.slice(segment, physicalOffset, size));
            }
            next++;
        }
        if (next == offset && next < end) {
            leases.release();
            return offsetMoved(request, Math.max(queue.minOffset(), offset), queue.minOffset(), max);
        }
        PullStatus status = records.isEmpty() ? PullStatus.NO_MATCHED_MSG : PullStatus.FOUND;
        return new PullResponse(status, next, min, max, records, leases);
    }

    private PullResponse offsetMoved(PullRequest request, long next, long min, long max) {
        if (request.queueOffset() < min) {
            offsetMovedCount.increment();
            BrokerLog.LOG.warn("group {} asked for {} queue {} at offset {}, released already; it continues at {}",
                    request.group(), request.topic(), request.queueId(), request.queueOffset(), next);
        }
        return new PullResponse(PullStatus.OFFSET_MOVED, next, min, max);
    }

    /** Pulls that asked for messages the release rule had already dropped. */
    long offsetMovedCount() {
        return offsetMovedCount.sum();
    }

    @Override
    public long queryOffset(String group, String topic, int queueId) {
        long committed = offsets.get(group, topic, queueId);
        if (committed >= 0) {
            return committed;
        }
        Topic t = topics.get(topic);
        ConsumeQueue queue = t == null ? null : t.queue(queueId);
        // RocketMQ's young-queue rule, deterministic: a never-trimmed queue starts at 0.
        return queue == null || queue.minOffset() == 0 ? 0 : -1;
    }

    @Override
    public void updateOffset(String group, String topic, int queueId, long offset) {
        offsets.commit(group, topic, queueId, offset);
    }

    @Override
    public long searchOffset(String topic, int queueId, long timestampMs) {
        Topic t = topics.get(topic);
        ConsumeQueue queue = t == null ? null : t.queue(queueId);
        return queue == null ? 0 : searchOffset(queue, timestampMs);
    }

    /** The first offset of {@code queue} stored at or after {@code timestampMs}. */
    long searchOffset(ConsumeQueue queue, long timestampMs) {
        long low = queue.minOffset();
        long high = queue.maxOffset();
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (storeTimestamp(queue, mid) < timestampMs) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The store time of an entry; 0 when it was released meanwhile (it is older than anything left). */
    long storeTimestampAt(ConsumeQueue queue, long offset) {
        return storeTimestamp(queue, offset);
    }

    private long storeTimestamp(ConsumeQueue queue, long offset) {
        long physicalOffset = queue.physicalOffset(offset);
        int size = queue.size(offset);
        Segment segment = physicalOffset < 0 || size <= 0 ? null : commitLog.acquire(physicalOffset);
        if (segment == null) {
            return 0;
        }
        try {
            return RecordReader.storeTimestamp(commitLog.slice(segment, physicalOffset, size), 0);
        } finally {
            segment.release();
        }
    }

    @Override
    public long minOffset(String topic, int queueId) {
        Topic t = topics.get(topic);
        ConsumeQueue queue = t == null ? null : t.queue(queueId);
        return queue == null ? 0 : queue.minOffset();
    }

    @Override
    public long maxOffset(String topic, int queueId) {
        Topic t = topics.get(topic);
        ConsumeQueue queue = t == null ? null : t.queue(queueId);
        return queue == null ? 0 : queue.maxOffset();
    }

    @Override
    public void heartbeat(Heartbeat heartbeat, ClientCallbacks callbacks) {
        if (closed) {
            return;
        }
        for (Heartbeat.ConsumerData consumer : heartbeat.consumers()) {
            if (consumer.model() == MessageModel.CLUSTERING) {
                // As RocketMQ does: the retry topic exists (and has a route) before the first failure.
                topics.getOrCreate(SystemTopics.retryTopic(consumer.group()), 1);
            }
        }
        if (!heartbeat.producerGroups().isEmpty()) {
            producers.heartbeat(heartbeat.clientId(), heartbeat.producerGroups(), callbacks, System.nanoTime());
        }
        groups.heartbeat(heartbeat, callbacks, System.nanoTime());
    }

    @Override
    public List<String> consumerIds(String group) {
        return groups.clientIds(group);
    }

    @Override
    public void unregister(String clientId, String producerGroup, String consumerGroup) {
        if (consumerGroup != null) {
            locks.unlockAll(consumerGroup, clientId);
            groups.unregister(clientId, consumerGroup);
        }
        if (producerGroup != null) {
            producers.unregister(clientId, producerGroup);
        }
    }

    void close() {
        closed = true;
        timer.close();
        transactions.close();
        if (flush != null) {
            writeLock.lock(); // an append in progress finishes before the last flush
            writeLock.unlock();
            flush.close();
        }
        // Wait out an append in progress so the store is not released under it.
        writeLock.lock();
        writeLock.unlock();
    }
}
