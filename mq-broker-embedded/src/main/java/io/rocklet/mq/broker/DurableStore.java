package io.rocklet.mq.broker;

import io.rocklet.mq.api.FlushPolicy;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.internal.PropertyNames;
import io.rocklet.mq.api.internal.SystemTopics;
import io.rocklet.mq.broker.store.CommitLog;
import io.rocklet.mq.broker.store.ConsumeQueue;
import io.rocklet.mq.broker.store.FileMedium;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.codec.RecordReader;
import io.rocklet.mq.client.codec.RecordRewriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A broker's data directory: the lock that keeps a second broker out, the CommitLog files and
 * their recovery (which rebuilds every consume queue from the log), topic configs and offsets
 * beside them, and the flush service. Layout: {@code lock}, {@code commitlog/<offset>},
 * {@code topics.tsv}, {@code offsets.tsv}.
 */
final class DurableStore implements AutoCloseable {
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileMedium medium;
    private final DurableState state;

    private DurableStore(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.medium = new FileMedium(dir.resolve("commitlog"));
        this.state = new DurableState(dir);
    }

    /**
     * Takes the directory's lock.
     *
     * @throws InvalidConfigurationException another broker (in this or another process) has it
     */
    static DurableStore open(Path dir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InvalidConfigurationException("data directory " + dir + " is in use by another broker");
            }
            return new DurableStore(dir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open data directory " + dir, e);
        }
    }

    FileMedium medium() {
        return medium;
    }

    DurableState state() {
        return state;
    }

    /** Topic configs first (queue counts), then the log: every intact record back into its consume queue. */
    CommitLog.Recovery recover(CommitLog log, TopicTable topics, ConsumerOffsets offsets, int defaultQueues) {
        for (TopicConfig config : state.loadTopics()) {
            topics.createOrUpdate(config);
        }
        CommitLog.Recovery recovery = log.recover(medium, (segment, at, physicalOffset) -> {
            String name = RecordReader.topic(segment, at);
            int queueId = RecordReader.queueId(segment, at);
            Topic topic = topics.get(name);
            if (topic == null || topic.queueCount() <= queueId) {
                int queues = Math.max(queueId + 1, topic != null ? topic.queueCount() : isSystem(name) ? 1 : defaultQueues);
                topic = topics.createOrUpdate(TopicConfig.of(name, queues));
            }
            ConsumeQueue queue = topic.queue(queueId);
            long queueOffset = RecordReader.queueOffset(segment, at);
            if (queue.maxOffset() == 0) {
                queue.startAt(queueOffset);
            }
            if (queueOffset != queue.maxOffset() || !queue.ensureCapacity(1)) {
                BrokerLog.LOG.warn("recovery: record at {} has queue offset {} of {}#{}, expected {}; skipped",
                        physicalOffset, queueOffset, name, queueId, queue.maxOffset());
                return;
            }
            Map<String, String> properties = RecordRewriter.properties(segment, at);
            queue.put(queueOffset, physicalOffset, RecordReader.totalSize(segment, at),
                    RecordEncoder.tagHash(properties.get(PropertyNames.TAGS)));
            queue.publish(queueOffset + 1);
        });
        state.loadOffsets(offsets);
        BrokerLog.LOG.info("recovered {}: {} records up to offset {} in {} ms{}", dir, recovery.records(),
                recovery.endOffset(), recovery.millis(), recovery.damagedAt() >= 0
                        ? "; damaged or torn at " + recovery.damagedAt() + ", " + recovery.movedAsideBytes()
                        + " bytes moved aside (.damaged files) and never served" : "");
        return recovery;
    }

    private static boolean isSystem(String topic) {
        return SystemTopics.isRetryTopic(topic) || SystemTopics.isDeadLetterTopic(topic)
                || topic.equals(SystemTopics.SCHEDULE) || topic.startsWith("RMQ_SYS_") || topic.startsWith("rmq_sys_");
    }

    FlushService flushService(String brokerName, CommitLog log, FlushPolicy policy, long intervalMs, ConsumerOffsets offsets) {
        return new FlushService(brokerName, log, policy, intervalMs, () -> state.saveOffsets(offsets));
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            BrokerLog.LOG.warn("releasing the lock of {} failed", dir, e);
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Reads a record's delivery time, for timer recovery. */
    static long deliverAt(ByteBuffer record) {
        String at = RecordRewriter.properties(record, 0).get(PropertyNames.TIMER_DELIVER_MS);
        return at == null ? 0 : Long.parseLong(at);
    }
}
