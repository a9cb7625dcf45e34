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

    /**
     * Sends the queue's offset even if it was sent before: the last commit of a closing consumer,
     * since an offset a pull carried may have reached the broker after the one sent earlier.
     */
    void commitFinal(MessageQueue queue) {
        commit(queue);
    }

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
        void commitFinal(MessageQueue queue) {
            committed.remove(queue);
            commit(queue);
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
    /**
     * Broadcasting offsets kept in a file ({@code topic broker queueId offset} per line), so a
     * restarted instance continues where it stopped. Rewritten atomically on every commit.
     */
    static final class LocalFile extends OffsetStore {
        private final java.nio.file.Path file;

        LocalFile(java.nio.file.Path file) {
            this.file = file;
            try {
                java.nio.file.Files.createDirectories(file.getParent());
                if (java.nio.file.Files.exists(file)) {
                    for (String line : java.nio.file.Files.readAllLines(file)) {
                        String[] f = line.split("\t");
                        if (f.length == 4) {
                            offsets.put(new MessageQueue(f[0], f[1], Integer.parseInt(f[2])), Long.parseLong(f[3]));
                        }
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                throw new io.rocklet.mq.api.InvalidConfigurationException("cannot read offsets from " + file + ": " + e);
            }
        }

        @Override
        long read(MessageQueue queue) {
            return offsets.getOrDefault(queue, -1L);
        }

        @Override
        void remove(MessageQueue queue) {
            // kept: the file remembers every queue this instance consumed
        }

        @Override
        synchronized void commit(MessageQueue queue) {
            StringBuilder text = new StringBuilder();
            offsets.forEach((q, offset) -> text.append(q.topic()).append('\t').append(q.brokerName()).append('\t')
                    .append(q.queueId()).append('\t').append(offset).append('\n'));
            try {
                io.rocklet.mq.client.internal.AtomicFiles.replace(file, text.toString());
            } catch (java.io.IOException e) {
                ClientLog.LOG.warn("cannot write broadcasting offsets to {}: {}", file, e.toString());
            }
        }
    }

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
