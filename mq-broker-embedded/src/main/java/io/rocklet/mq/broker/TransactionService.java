package io.rocklet.mq.broker;

import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.internal.PropertyNames;
import io.rocklet.mq.client.codec.DecodedMessage;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.codec.RecordRewriter;
import io.rocklet.mq.client.internal.NamedThreadFactory;
import io.rocklet.mq.client.protocol.ClientCallbacks;
import io.rocklet.mq.client.protocol.EndTransactionRequest;
import io.rocklet.mq.client.protocol.SendRequest;
import io.rocklet.mq.client.protocol.SendResponse;
import io.rocklet.mq.client.protocol.SendStatus;
import io.rocklet.mq.client.protocol.TransactionCheck;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Half messages of transactional sends: stored once in {@link #HALF_TOPIC} (no consumer reads it)
 * with their real topic and queue in their properties, found by unique id. A commit re-appends the
 * message to its real queue; a rollback forgets it. A checker thread asks a live producer of the
 * group about each half message unresolved after its immunity time, again every check interval,
 * and rolls it back after the maximum number of checks, keeping it for {@code Admin}.
 */
final class TransactionService implements AutoCloseable {
    static final String HALF_TOPIC = "RMQ_SYS_TRANS_HALF_TOPIC";
    /** RocketMQ's per-message immunity property, in seconds. */
    static final String CHECK_IMMUNITY_PROPERTY = "CHECK_IMMUNITY_TIME_IN_SECONDS";
    private static final int MAX_ABANDONED_KEPT = 10_000;
    /** Durable stores journal each resolved half-topic offset here (RocketMQ's op topic). */
    static final String OP_JOURNAL = "RMQ_SYS_TRANS_OP_HALF_TOPIC";

    /** One unresolved half message. */
    private static final class Half {
        final String uniqKey;
        final String group;
        final long queueOffset;
        final long storedMs;
        final long immunityMs;
        int checks;
        long lastCheckMs;
        final AtomicBoolean resolving = new AtomicBoolean();

        Half(String uniqKey, String group, long queueOffset, long storedMs, long immunityMs) {
            this.uniqKey = uniqKey;
            this.group = group;
            this.queueOffset = queueOffset;
            this.storedMs = storedMs;
            this.immunityMs = immunityMs;
        }
    }

    private final String brokerName;
    private final BrokerService broker;
    private final ProducerGroups producers;
    private final Duration immunity;
    private final Duration interval;
    private final int maxChecks;
    private final Map<String, Half> byKey = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Half> byOffset = new ConcurrentSkipListMap<>();
    private final Deque<MessageView> abandoned = new ArrayDeque<>();
    private final Thread checker;
    private volatile boolean running = true;

    TransactionService(String brokerName, BrokerService broker, ProducerGroups producers, Duration immunity,
                       Duration interval, int maxChecks) {
        this.brokerName = brokerName;
        this.broker = broker;
        this.producers = producers;
        this.immunity = immunity;
        this.interval = interval;
        this.maxChecks = maxChecks;
        this.checker = new NamedThreadFactory("txcheck-" + brokerName).newThread(this::run);
    }

    void start() {
        checker.start();
    }

    /** Stores the request's record as a half message. */
    void prepare(SendRequest request, SendResponse response) {
        ByteBuffer record = request.records;
        int at = record.position();
        Map<String, String> properties = RecordRewriter.properties(record, at);
        String uniqKey = properties.get(PropertyNames.UNIQ_KEY);
        properties.put(PropertyNames.REAL_TOPIC, request.topic);
        properties.put(PropertyNames.REAL_QID, Integer.toString(request.queueId));
        properties.put("TRAN_MSG", "true");
        properties.put("PGROUP", request.producerGroup);
        long now = System.currentTimeMillis();
        ByteBuffer half = RecordRewriter.rewrite(record, at, HALF_TOPIC, 0, 0, properties, now, broker.storeHost());
        SendResponse stored = broker.appendOwn(HALF_TOPIC, 0, half, request.tagHashes[0]);
        response.status = stored.status;
        response.remark = stored.remark;
        response.physicalOffset = stored.physicalOffset;
        response.queueId = request.queueId;
        response.queueOffset = -1;
        if (stored.status == SendStatus.OK && uniqKey != null) {
            Half entry = new Half(uniqKey, request.producerGroup, stored.queueOffset, now, immunityMs(properties));
            byKey.put(uniqKey, entry);
            byOffset.put(entry.queueOffset, entry);
        }
    }

    private long immunityMs(Map<String, String> properties) {
        String seconds = properties.get(CHECK_IMMUNITY_PROPERTY);
        if (seconds != null) {
            try {
                return Math.max(0, Long.parseLong(seconds.trim())) * 1000;
            } catch (NumberFormatException e) {
                BrokerLog.LOG.warn("ignoring {}={}: not a number of seconds", CHECK_IMMUNITY_PROPERTY, seconds);
            }
        }
        return immunity.toMillis();
    }

    void end(EndTransactionRequest request) {
        Half half = byKey.get(request.uniqKey());
        if (half == null) {
            BrokerLog.LOG.debug("end of transaction {}: no such unresolved half message", request.uniqKey());
            return;
        }
        if (!half.group.equals(request.producerGroup())) {
            BrokerLog.LOG.warn("producer group {} tried to end transaction {} of group {}", request.producerGroup(),
                    request.uniqKey(), half.group);
            return;
        }
        switch (request.resolution()) {
            case COMMIT -> commit(half);
            case ROLLBACK -> forget(half);
            case UNKNOWN -> {
                // checked again later
            }
        }
    }

    private void commit(Half half) {
        if (!half.resolving.compareAndSet(false, true)) {
            return; // another commit (the producer's or a check's) is on it
        }
        ByteBuffer record = broker.copyRecord(HALF_TOPIC, 0, half.queueOffset);
        if (record == null) {
            BrokerLog.LOG.error("half message {} is gone from the store; it cannot be committed", half.uniqKey);
            forget(half);
            return;
        }
        Map<String, String> properties = RecordRewriter.properties(record, 0);
        String topic = properties.remove(PropertyNames.REAL_TOPIC);
        int queueId = Integer.parseInt(properties.remove(PropertyNames.REAL_QID));
        ByteBuffer real = RecordRewriter.rewrite(record, 0, topic, queueId, 0, properties, System.currentTimeMillis(),
                broker.storeHost());
        SendResponse response = broker.appendOwn(topic, queueId, real, RecordEncoder.tagHash(properties.get(PropertyNames.TAGS)));
        if (response.status == SendStatus.OK) {
            forget(half);
        } else {
            half.resolving.set(false); // stays unresolved: the next check commits it again
            BrokerLog.LOG.warn("committing transaction {} failed ({}); it will be checked again", half.uniqKey, response.remark);
        }
    }

    private void forget(Half half) {
        if (byKey.remove(half.uniqKey, half)) {
            broker.journal(OP_JOURNAL, half.queueOffset);
        }
        byOffset.remove(half.queueOffset, half);
    }

    /** After recovery: half messages not journaled as resolved are unresolved again (and checked). */
    void restore() {
        java.util.Set<Long> resolved = broker.journaled(OP_JOURNAL);
        broker.forEachRecord(HALF_TOPIC, (record, offset) -> {
            if (resolved.contains(offset)) {
                return;
            }
            Map<String, String> properties = RecordRewriter.properties(record, 0);
            String uniqKey = properties.get(PropertyNames.UNIQ_KEY);
            String group = properties.get("PGROUP");
            if (uniqKey == null || group == null) {
                return;
            }
            Half half = new Half(uniqKey, group, offset, io.rocklet.mq.client.codec.RecordReader.storeTimestamp(record, 0),
                    immunityMs(properties));
            byKey.put(uniqKey, half);
            byOffset.put(offset, half);
        });
        if (!byKey.isEmpty()) {
            BrokerLog.LOG.info("{} transactional half messages are unresolved again", byKey.size());
        }
    }

    /** The lowest half-topic offset still unresolved, or {@code Long.MAX_VALUE}. */
    long lowestUnresolved() {
        Map.Entry<Long, Half> first = byOffset.firstEntry();
        return first == null ? Long.MAX_VALUE : first.getKey();
    }

    int unresolvedCount() {
        return byKey.size();
    }

    /** Half messages rolled back after the maximum number of checks, oldest first. */
    synchronized List<MessageView> abandoned() {
        return new ArrayList<>(abandoned);
    }

    private void run() {
        long tickMs = Math.max(10, Math.min(immunity.toMillis(), interval.toMillis()) / 4);
        while (running) {
            try {
                checkAll(System.currentTimeMillis());
            } catch (RuntimeException e) {
                BrokerLog.LOG.warn("transaction check round failed; the next one runs as usual", e);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(tickMs); // a periodic scan, like RocketMQ's check service
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void checkAll(long now) {
        for (Half half : byOffset.values()) {
            if (now - half.storedMs < half.immunityMs || (half.lastCheckMs > 0 && now - half.lastCheckMs < interval.toMillis())) {
                continue;
            }
            if (half.checks >= maxChecks) {
                giveUp(half);
                continue;
            }
            ClientCallbacks producer = producers.pick(half.group);
            if (producer == null) {
                continue; // nobody to ask now; asked once a producer of the group is back
            }
            ByteBuffer record = broker.copyRecord(HALF_TOPIC, 0, half.queueOffset);
            if (record == null) {
                forget(half);
                continue;
            }
            half.checks++;
            half.lastCheckMs = now;
            try {
                producer.checkTransaction(new TransactionCheck(half.group, brokerName, -1, -1, half.uniqKey, record));
            } catch (RuntimeException e) {
                BrokerLog.LOG.warn("asking a producer of {} about transaction {} failed", half.group, half.uniqKey, e);
            }
        }
    }

    private void giveUp(Half half) {
        if (!half.resolving.compareAndSet(false, true)) {
            return;
        }
        ByteBuffer record = broker.copyRecord(HALF_TOPIC, 0, half.queueOffset);
        forget(half);
        BrokerLog.LOG.warn("transaction {} of group {} still unknown after {} checks: rolled back", half.uniqKey,
                half.group, half.checks);
        if (record != null) {
            synchronized (this) {
                abandoned.addLast(new DecodedMessage(record, new MessageQueue(HALF_TOPIC, brokerName, 0)));
                if (abandoned.size() > MAX_ABANDONED_KEPT) {
                    abandoned.removeFirst();
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        checker.interrupt();
        try {
            checker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
