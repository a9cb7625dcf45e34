package io.rocklet.mq.client;

import io.rocklet.mq.api.BrokerUnavailableException;
import io.rocklet.mq.api.ClientClosedException;
import io.rocklet.mq.api.InvalidMessageException;
import io.rocklet.mq.api.MQException;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.QueueSelector;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.api.StoreFullException;
import io.rocklet.mq.api.TopicNotFoundException;
import io.rocklet.mq.client.codec.MessageIds;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.SendRequest;
import io.rocklet.mq.client.protocol.SendResponse;
import io.rocklet.mq.client.protocol.SendStatus;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The producer runtime. A send encodes the record into the calling thread's buffer (outside any
 * lock), then hands the broker a view of it. Retries go to another queue, preferring another
 * broker, for retriable statuses only; a full store is waited out until the send timeout.
 */
final class DefaultProducer implements Producer {
    private static final long MAX_BACKOFF_NANOS = 10_000_000L;
    private static final ThreadLocal<SendContext> CONTEXT = ThreadLocal.withInitial(SendContext::new);

    private final ProducerConfig config;
    private final Routes routes;
    private final Runnable onClose;
    private final AtomicLong onewayFailures = new AtomicLong();
    private volatile boolean closed;

    DefaultProducer(ProducerConfig config, Routes routes, Runnable onClose) {
        this.config = config;
        this.routes = routes;
        this.onClose = onClose;
    }

    @Override
    public SendResult send(Message message) {
        return send(message, false);
    }

    /** Sends; a {@code half} message is stored invisibly until its group commits it (a transaction's first step). */
    SendResult send(Message message, boolean half) {
        return send(message, half, null, null);
    }

    @Override
    public SendResult send(Message message, QueueSelector selector, Object arg) {
        if (selector == null) {
            throw new InvalidMessageException("no queue selector for " + message);
        }
        return send(message, false, selector, arg);
    }

    /**
     * The queue for this attempt: the selector's or the sharding key's (always the same queue, so
     * order holds across retries), else the next in turn avoiding a broker that just failed.
     */
    static Routes.WriteQueue target(Routes.PublishInfo info, Message message, QueueSelector selector, Object arg,
                                            String avoidBroker) {
        if (selector != null) {
            MessageQueue chosen = selector.select(info.messageQueues(), message, arg);
            Routes.WriteQueue target = chosen == null ? null : info.find(chosen);
            if (target == null) {
                throw new InvalidMessageException("queue selector chose " + chosen + ", not a writable queue of '"
                        + message.topic() + "'");
            }
            return target;
        }
        if (message.shardingKey() != null) {
            return info.byShardingKey(message.shardingKey());
        }
        return info.pick(avoidBroker);
    }

    private SendResult send(Message message, boolean half, QueueSelector selector, Object arg) {
        ensureOpen();
        Routes.PublishInfo info = routes.publishInfo(message.topic());
        int size = RecordEncoder.size(message);
        checkSize(size, message.topic());
        long now = System.currentTimeMillis();
        long idLow = MessageIds.nextUniqueIdLow(now);
        SendContext ctx = CONTEXT.get();
        long deadline = System.nanoTime() + config.sendTimeoutNanos();
        String avoidBroker = null;
        String lastFailure = "no attempt";
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            Routes.WriteQueue target = target(info, message, selector, arg, avoidBroker);
            BrokerApi broker = routes.transport().broker(target.address());
            if (broker != null) {
                ctx.encode(message, size, target.queue().queueId(), now, broker.storeHost(), idLow);
                ctx.request(config.group(), message.topic(), target.queue().queueId(), false, 1);
                ctx.request.tagHashes[0] = RecordEncoder.tagHash(message.tag());
                ctx.request.deliverAtMs = RecordEncoder.deliverAtMs(message, now);
                ctx.request.delayLevel = message.delayLevel();
                ctx.request.transactionPrepared = half;
                SendResponse response = sendWithBackPressure(broker, ctx, deadline);
                if (response.status == SendStatus.OK) {
                    return new SendResult(MessageIds.uniqueIdHigh(), idLow, target.queue(), response.queueOffset,
                            broker.storeHost(), response.physicalOffset, response.flushPolicy);
                }
                lastFailure = response.remark;
            } else {
                lastFailure = "broker " + target.queue().brokerName() + " is gone";
            }
            avoidBroker = target.queue().brokerName();
            info = routes.refresh(message.topic());
        }
        throw new BrokerUnavailableException("sending to '" + message.topic() + "' failed after "
                + (config.retries() + 1) + " attempts: " + lastFailure);
    }

    /** Sends; on STORE_FULL waits (growing pauses up to 10 ms) and tries again until the deadline. */
    private SendResponse sendWithBackPressure(BrokerApi broker, SendContext ctx, long deadline) {
        long backoff = 100_000L;
        while (true) {
            ctx.request.records.position(0);
            broker.send(ctx.request, ctx.response);
            SendStatus status = ctx.response.status;
            if (status == SendStatus.OK || status == SendStatus.SERVICE_NOT_AVAILABLE) {
                return ctx.response;
            }
            if (status == SendStatus.TOPIC_NOT_FOUND) {
                throw new TopicNotFoundException(ctx.request.topic);
            }
            if (status == SendStatus.MESSAGE_ILLEGAL) {
                throw new InvalidMessageException(ctx.response.remark);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new StoreFullException(ctx.response.remark);
            }
            LockSupport.parkNanos(Math.min(backoff, left));
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        }
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Message message) {
        if (routes.transport().asynchronous()) {
            ensureOpen();
            int size = RecordEncoder.size(message);
            checkSize(size, message.topic());
            return AsyncSend.start(config, routes, message, size);
        }
        // In-process the append is a method call: do it now on the caller's thread.
        try {
            return CompletableFuture.completedFuture(send(message));
        } catch (MQException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void sendOneway(Message message) {
        try {
            send(message);
        } catch (InvalidMessageException | ClientClosedException e) {
            throw e;
        } catch (MQException e) {
            onewayFailures.incrementAndGet();
        }
    }

    @Override
    public List<SendResult> send(List<Message> batch) {
        ensureOpen();
        if (batch == null || batch.isEmpty()) {
            throw new InvalidMessageException("batch is empty");
        }
        String topic = batch.get(0).topic();
        int size = 0;
        for (Message m : batch) {
            if (!m.topic().equals(topic)) {
                throw new InvalidMessageException("a batch must have one topic: '" + topic + "' and '" + m.topic() + "'");
            }
            if (m.isDelayed()) {
                throw new InvalidMessageException("a batch cannot hold delayed messages (as in RocketMQ): " + m);
            }
            size += RecordEncoder.size(m);
        }
        checkSize(size, topic);
        Routes.PublishInfo info = routes.publishInfo(topic);
        long now = System.currentTimeMillis();
        long[] ids = new long[batch.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = MessageIds.nextUniqueIdLow(now);
        }
        SendContext ctx = CONTEXT.get();
        long deadline = System.nanoTime() + config.sendTimeoutNanos();
        String avoidBroker = null;
        String lastFailure = "no attempt";
        Message first = batch.get(0);
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            Routes.WriteQueue target = target(info, first, null, null, avoidBroker);
            BrokerApi broker = routes.transport().broker(target.address());
            if (broker != null) {
                int[] sizes = ctx.encodeBatch(batch, target.queue().queueId(), now, broker.storeHost(), ids, size);
                ctx.request(config.group(), topic, target.queue().queueId(), true, batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    ctx.request.tagHashes[i] = RecordEncoder.tagHash(batch.get(i).tag());
                }
                SendResponse response = sendWithBackPressure(broker, ctx, deadline);
                if (response.status == SendStatus.OK) {
                    List<SendResult> results = new ArrayList<>(batch.size());
                    long physicalOffset = response.physicalOffset;
                    for (int i = 0; i < batch.size(); i++) {
                        long stored = response.batchPhysicalOffsets != null ? response.batchPhysicalOffsets[i] : physicalOffset;
                        results.add(new SendResult(MessageIds.uniqueIdHigh(), ids[i], target.queue(),
                                response.queueOffset + i, broker.storeHost(), stored, response.flushPolicy));
                        physicalOffset += sizes[i];
                    }
                    return results;
                }
                lastFailure = response.remark;
            } else {
                lastFailure = "broker " + target.queue().brokerName() + " is gone";
            }
            avoidBroker = target.queue().brokerName();
            info = routes.refresh(topic);
        }
        throw new BrokerUnavailableException("sending a batch to '" + topic + "' failed: " + lastFailure);
    }

    private void checkSize(int size, String topic) {
        if (size > config.maxMessageBytes()) {
            throw new InvalidMessageException("message to '" + topic + "' encodes to " + size
                    + " bytes, more than the max of " + config.maxMessageBytes());
        }
    }

    @Override
    public long onewayFailures() {
        return onewayFailures.get();
    }

    ProducerConfig config() {
        return config;
    }

    private void ensureOpen() {
        if (closed) {
            throw new ClientClosedException("producer of group " + config.group());
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }

    /** Per-thread encode buffer and request/response holders: the send path allocates none of them. */
    private static final class SendContext {
        private ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
        final SendRequest request = new SendRequest();
        final SendResponse response = new SendResponse();

        void encode(Message message, int size, int queueId, long bornMs, long storeHost, long idLow) {
            ensure(size);
            buffer.clear();
            RecordEncoder.encode(buffer, message, queueId, bornMs, MessageIds.bornHost(), System.currentTimeMillis(),
                    storeHost, MessageIds.uniqueIdHigh(), idLow);
            buffer.flip();
        }

        int[] encodeBatch(List<Message> batch, int queueId, long bornMs, long storeHost, long[] ids, int size) {
            ensure(size);
            buffer.clear();
            int[] sizes = new int[batch.size()];
            long storeMs = System.currentTimeMillis();
            for (int i = 0; i < sizes.length; i++) {
                int before = buffer.position();
                RecordEncoder.encode(buffer, batch.get(i), queueId, bornMs, MessageIds.bornHost(), storeMs, storeHost,
                        MessageIds.uniqueIdHigh(), ids[i]);
                sizes[i] = buffer.position() - before;
            }
            buffer.flip();
            return sizes;
        }

        void request(String group, String topic, int queueId, boolean batch, int count) {
            request.producerGroup = group;
            request.topic = topic;
            request.queueId = queueId;
            request.batch = batch;
            request.records = buffer;
            request.tagHashes(count);
            request.deliverAtMs = 0;
            request.delayLevel = 0;
            request.transactionPrepared = false;
        }

        private void ensure(int size) {
            if (buffer.capacity() < size) {
                buffer = ByteBuffer.allocate(Math.max(size, buffer.capacity() * 2));
            }
        }
    }
}
