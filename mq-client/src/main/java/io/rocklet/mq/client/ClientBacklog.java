package io.rocklet.mq.client;

import io.rocklet.mq.api.ConsumerMetrics;
import io.rocklet.mq.api.GroupBacklog;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.QueueBacklog;
import io.rocklet.mq.api.internal.MessageChecks;
import io.rocklet.mq.client.codec.RecordReader;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.PullRequest;
import io.rocklet.mq.client.protocol.PullResponse;
import io.rocklet.mq.client.protocol.PullStatus;
import io.rocklet.mq.client.protocol.TagFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * A group's backlog from the broker protocol alone (max, min and committed offsets, one peek at the
 * oldest unconsumed record, the consumer list), so it reads the same on the embedded broker and on
 * Apache RocketMQ.
 */
final class ClientBacklog {
    private ClientBacklog() {
    }

    static GroupBacklog of(Routes routes, String group, List<String> topics, ConsumerMetrics localMetrics) {
        long now = System.currentTimeMillis();
        List<QueueBacklog> queues = new ArrayList<>();
        long lag = 0;
        long oldest = 0;
        int members = 0;
        for (String topic : topics) {
            for (MessageQueue queue : routes.readQueues(MessageChecks.topic(topic))) {
                BrokerApi broker = routes.broker(queue);
                if (broker == null) {
                    continue;
                }
                long max = broker.maxOffset(queue.topic(), queue.queueId());
                long committed = broker.queryOffset(group, queue.topic(), queue.queueId());
                long from = committed >= 0 ? committed : broker.minOffset(queue.topic(), queue.queueId());
                long queueLag = Math.max(0, max - from);
                long age = queueLag == 0 ? 0 : ageOf(broker, group, queue, from, now);
                queues.add(new QueueBacklog(queue, max, committed, queueLag, age));
                lag += queueLag;
                oldest = Math.max(oldest, age);
                if (members == 0) {
                    members = broker.consumerIds(group).size();
                }
            }
        }
        return new GroupBacklog(group, queues, lag, oldest, deadLetters(routes, group), members, localMetrics);
    }

    /** How long ago the record at {@code offset} was stored (0 when it cannot be read). */
    private static long ageOf(BrokerApi broker, String group, MessageQueue queue, long offset, long now) {
        PullResponse peek = broker.pull(new PullRequest(group, queue.topic(), queue.queueId(), offset, 1, TagFilter.ALL, -1, null));
        try {
            if (peek.status() != PullStatus.FOUND || peek.records().isEmpty()) {
                return 0;
            }
            return Math.max(0, now - RecordReader.storeTimestamp(peek.records().get(0), 0));
        } finally {
            peek.release();
        }
    }

    private static long deadLetters(Routes routes, String group) {
        long count = 0;
        for (MessageQueue queue : routes.readQueues("%DLQ%" + group)) {
            BrokerApi broker = routes.broker(queue);
            if (broker != null) {
                count += broker.maxOffset(queue.topic(), queue.queueId()) - broker.minOffset(queue.topic(), queue.queueId());
            }
        }
        return count;
    }
}
