package io.rocklet.mq.broker;

import io.rocklet.mq.api.BacklogSnapshot;
import io.rocklet.mq.api.ConsumerMetrics;
import io.rocklet.mq.api.GroupBacklog;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.QueueBacklog;
import io.rocklet.mq.api.TopicTraffic;
import io.rocklet.mq.api.internal.SystemTopics;
import io.rocklet.mq.broker.store.ConsumeQueue;
import io.rocklet.mq.client.protocol.ClientCallbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The backlog snapshot of one broker: per group and queue how far behind and how old the oldest
 * unconsumed message is, dead letters, members' listener metrics; per topic the produce rate.
 */
final class BacklogView {
    private final String brokerName;
    private final TopicTable topics;
    private final ConsumerOffsets offsets;
    private final ConsumerGroups groups;
    private final BrokerService broker;

    BacklogView(String brokerName, TopicTable topics, ConsumerOffsets offsets, ConsumerGroups groups, BrokerService broker) {
        this.brokerName = brokerName;
        this.topics = topics;
        this.offsets = offsets;
        this.groups = groups;
        this.broker = broker;
    }

    BacklogSnapshot snapshot() {
        long now = System.currentTimeMillis();
        Set<String> groupNames = new TreeSet<>(groups.knownGroups());
        groupNames.addAll(offsets.groups());
        List<GroupBacklog> groupBacklogs = new ArrayList<>();
        for (String group : groupNames) {
            groupBacklogs.add(group(group, now));
        }
        List<TopicTraffic> traffic = new ArrayList<>();
        for (Topic topic : topics.all()) {
            if (!topic.name().equals(SystemTopics.AUTO_CREATE)) {
                traffic.add(new TopicTraffic(topic.name(), topic.produced().count(), topic.produced().rate()));
            }
        }
        traffic.sort((a, b) -> a.topic().compareTo(b.topic()));
        return new BacklogSnapshot(now, groupBacklogs, traffic);
    }

    private GroupBacklog group(String group, long now) {
        Set<String> groupTopics = new TreeSet<>(groups.topicsOf(group));
        groupTopics.addAll(offsets.topicsOf(group));
        List<QueueBacklog> queues = new ArrayList<>();
        long lag = 0;
        long oldest = 0;
        for (String name : groupTopics) {
            Topic topic = topics.get(name);
            for (int queueId = 0; topic != null && queueId < topic.queueCount(); queueId++) {
                QueueBacklog q = queue(group, topic, queueId, now);
                queues.add(q);
                lag += q.lag();
                oldest = Math.max(oldest, q.oldestUnconsumedAgeMs());
            }
        }
        Topic dlq = topics.get(SystemTopics.deadLetterTopic(group));
        long deadLetters = dlq == null ? 0 : dlq.queue(0).maxOffset() - dlq.queue(0).minOffset();
        List<ClientCallbacks> members = groups.callbacksOf(group);
        ConsumerMetrics metrics = ConsumerMetrics.NONE;
        for (ClientCallbacks member : members) {
            try {
                ConsumerMetrics m = member.consumerMetrics(group);
                if (m != null) {
                    metrics = metrics.plus(m);
                }
            } catch (RuntimeException e) {
                BrokerLog.LOG.debug("a member of {} did not report metrics", group, e);
            }
        }
        return new GroupBacklog(group, queues, lag, oldest, deadLetters, members.size(), metrics);
    }

    private QueueBacklog queue(String group, Topic topic, int queueId, long now) {
        ConsumeQueue queue = topic.queue(queueId);
        long max = queue.maxOffset();
        long min = queue.minOffset();
        long committed = offsets.get(group, topic.name(), queueId);
        long from = Math.max(committed, min);
        long lag = Math.max(0, max - from);
        long age = 0;
        if (lag > 0) {
            long stored = broker.storeTimestampAt(queue, from);
            age = stored > 0 ? Math.max(0, now - stored) : 0;
        }
        return new QueueBacklog(new MessageQueue(topic.name(), brokerName, queueId), max, committed, lag, age);
    }
}
