package io.rocklet.mq.broker;

import io.rocklet.mq.api.Admin;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.internal.MessageChecks;
import io.rocklet.mq.broker.store.CommitLog;
import io.rocklet.mq.broker.store.ConsumeQueue;
import io.rocklet.mq.client.codec.DecodedMessage;
import io.rocklet.mq.client.codec.RecordReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link Admin} over one broker's tables. Lookups scan the CommitLog (no index yet). */
final class BrokerAdmin implements Admin {
    private final String brokerName;
    private final TopicTable topics;
    private final ConsumerOffsets offsets;
    private final CommitLog commitLog;
    private final DeadLetters deadLetters;
    private final BacklogView backlog;
    private final BrokerService broker;

    BrokerAdmin(String brokerName, TopicTable topics, ConsumerOffsets offsets, CommitLog commitLog, BrokerService broker) {
        this.brokerName = brokerName;
        this.topics = topics;
        this.offsets = offsets;
        this.commitLog = commitLog;
        this.deadLetters = new DeadLetters(brokerName, topics, broker);
        this.backlog = new BacklogView(brokerName, topics, offsets, broker.groups(), broker);
        this.broker = broker;
    }

    @Override
    public void createTopic(String topic, int queues) {
        MessageChecks.topic(topic);
        if (queues <= 0) {
            throw new InvalidConfigurationException("a topic needs at least one queue: " + topic + " with " + queues);
        }
        Topic existing = topics.get(topic);
        int count = existing == null ? queues : Math.max(queues, existing.queueCount());
        topics.createOrUpdate(TopicConfig.of(topic, count));
    }

    @Override
    public Set<String> topics() {
        return new TreeSet<>(topics.configs().keySet());
    }

    @Override
    public List<MessageQueue> queues(String topic) {
        Topic t = topics.get(topic);
        List<MessageQueue> result = new ArrayList<>();
        for (int i = 0; t != null && i < t.queueCount(); i++) {
            result.add(new MessageQueue(topic, brokerName, i));
        }
        return result;
    }

    @Override
    public long minOffset(MessageQueue queue) {
        ConsumeQueue q = queue(queue);
        return q == null ? 0 : q.minOffset();
    }

    @Override
    public long maxOffset(MessageQueue queue) {
        ConsumeQueue q = queue(queue);
        return q == null ? 0 : q.maxOffset();
    }

    @Override
    public long committedOffset(String group, MessageQueue queue) {
        return offsets.get(group, queue.topic(), queue.queueId());
    }

    @Override
    public Optional<MessageView> findById(String messageId) {
        List<MessageView> found = scan(m -> messageId.equals(m.messageId()), 1);
        return found.stream().findFirst();
    }

    @Override
    public List<MessageView> findByKey(String topic, String key, int limit) {
        return scan(m -> m.topic().equals(topic) && m.keys().contains(key), limit);
    }

    @Override
    public List<MessageView> deadLetters(String group, int limit) {
        return deadLetters.list(MessageChecks.group(group), limit);
    }

    @Override
    public int resendDeadLetters(String group) {
        return deadLetters.resendAll(MessageChecks.group(group));
    }

    @Override
    public boolean resendDeadLetter(String group, String messageId) {
        return deadLetters.resend(MessageChecks.group(group), messageId);
    }

    @Override
    public io.rocklet.mq.api.BacklogSnapshot backlog() {
        return backlog.snapshot();
    }

    @Override
    public List<MessageView> abandonedTransactions() {
        return broker.transactions().abandoned();
    }

    @Override
    public Map<MessageQueue, Long> resetOffsets(String group, String topic, ConsumeFromWhere where) {
        if (where == ConsumeFromWhere.TIMESTAMP || where == null) {
            throw new InvalidConfigurationException("resetOffsets to a time takes the Instant: " + where);
        }
        return reset(group, topic, queue -> where == ConsumeFromWhere.FIRST ? queue.minOffset() : queue.maxOffset());
    }

    @Override
    public Map<MessageQueue, Long> resetOffsets(String group, String topic, java.time.Instant time) {
        return reset(group, topic, queue -> broker.searchOffset(queue, time.toEpochMilli()));
    }

    private Map<MessageQueue, Long> reset(String group, String topic, java.util.function.ToLongFunction<ConsumeQueue> target) {
        MessageChecks.group(group);
        Topic t = topics.get(MessageChecks.topic(topic));
        if (t == null) {
            throw new io.rocklet.mq.api.TopicNotFoundException(topic);
        }
        Map<MessageQueue, Long> result = new java.util.LinkedHashMap<>();
        Map<Integer, Long> byQueueId = new java.util.HashMap<>();
        for (int queueId = 0; queueId < t.queueCount(); queueId++) {
            long offset = target.applyAsLong(t.queue(queueId));
            offsets.commit(group, topic, queueId, offset);
            result.put(new MessageQueue(topic, brokerName, queueId), offset);
            byQueueId.put(queueId, offset);
        }
        for (io.rocklet.mq.client.protocol.ClientCallbacks member : broker.groups().callbacksOf(group)) {
            try {
                member.resetOffset(group, topic, brokerName, Map.copyOf(byQueueId));
            } catch (RuntimeException e) {
                BrokerLog.LOG.warn("telling a member of {} about its offset reset failed", group, e);
            }
        }
        BrokerLog.LOG.info("offsets of group {} on {} reset to {}", group, topic, byQueueId);
        return result;
    }

    private List<MessageView> scan(java.util.function.Predicate<DecodedMessage> match, int limit) {
        List<MessageView> found = new ArrayList<>();
        commitLog.forEachRecord((record, physicalOffset) -> {
            if (found.size() >= limit) {
                return;
            }
            String topic = RecordReader.topic(record, 0);
            int queueId = RecordReader.queueId(record, 0);
            DecodedMessage message = new DecodedMessage(record, new MessageQueue(topic, brokerName, queueId));
            if (match.test(message)) {
                found.add(message);
            }
        });
        return found;
    }

    private ConsumeQueue queue(MessageQueue queue) {
        Topic t = topics.get(queue.topic());
        return t == null ? null : t.queue(queue.queueId());
    }
}
