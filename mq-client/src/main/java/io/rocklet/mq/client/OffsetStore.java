package io.rocklet.mq.client;

import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.client.protocol.BrokerApi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a consumer keeps its offsets: at the broker for clustering (cached here, committed
 * periodically, on close, and carried by each fetch), or in this client for broadcasting.
 */
abstract class OffsetStore {
    protected final ConcurrentHashMap<MessageQueue, Long> offsets = new ConcurrentHashMap<>();

    /** The stored offset, or -1 when there is none. */
    abstract long read(MessageQueue queue);

    void update(MessageQueue queue, long offset) {
        offsets.put(queue, offset);
    }

    /** Sends cached offsets to where they live. */
    abstract void commit(MessageQueue queue);

    void remove(MessageQueue queue) {
        offsets.remove(queue);
    }

    Map<MessageQueue, Long> cached() {
        return offsets;
    }

    static final class Remote extends OffsetStore {
        private final String group;
        private final Routes routes;
        private final ConcurrentHashMap<MessageQueue, Long> committed = new ConcurrentHashMap<>();

        Remote(String group, Routes routes) {
            this.group = group;
            this.routes = routes;
        }

        @Override
        long read(MessageQueue queue) {
            BrokerApi broker = routes.broker(queue);
            return broker == null ? -1 : broker.queryOffset(group, queue.topic(), queue.queueId());
        }

        @Override
        void commit(MessageQueue queue) {
            Long offset = offsets.get(queue);
            if (offset == null || offset.equals(committed.get(queue))) {
                return;
            }
            BrokerApi broker = routes.broker(queue);
            if (broker != null) {
                broker.updateOffset(group, queue.topic(), queue.queueId(), offset);
                committed.put(queue, offset);
            }
        }
    }

    /** Broadcasting: offsets live in this client's memory. */
    static final class Local extends OffsetStore {
        @Override
        long read(MessageQueue queue) {
            return offsets.getOrDefault(queue, -1L);
        }

        @Override
        void commit(MessageQueue queue) {
            // nothing to send: the cache is the store
        }
    }
}
