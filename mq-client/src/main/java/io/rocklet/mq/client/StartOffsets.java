package io.rocklet.mq.client;

import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.client.protocol.BrokerApi;

/**
 * Where a consumer starts on a queue: the stored offset when there is one (for clustering the
 * broker answers 0 on a never-trimmed queue, and that answer wins), else ConsumeFromWhere.
 */
final class StartOffsets {
    private StartOffsets() {
    }

    static long resolve(MessageQueue queue, OffsetStore store, ConsumeFromWhere where,
                        long timestampMs, Routes routes) {
        long stored = store.read(queue);
        if (stored >= 0) {
            return stored;
        }
        BrokerApi broker = routes.broker(queue);
        if (broker == null) {
            return 0;
        }
        return switch (where) {
            case FIRST -> broker.minOffset(queue.topic(), queue.queueId());
            case LAST -> broker.maxOffset(queue.topic(), queue.queueId());
            case TIMESTAMP -> broker.searchOffset(queue.topic(), queue.queueId(), timestampMs);
        };
    }
}
