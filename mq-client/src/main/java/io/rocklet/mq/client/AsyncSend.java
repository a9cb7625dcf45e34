package io.rocklet.mq.client;

import io.rocklet.mq.api.BrokerUnavailableException;
import io.rocklet.mq.api.InvalidMessageException;
import io.rocklet.mq.api.MQException;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.api.TopicNotFoundException;
import io.rocklet.mq.client.codec.MessageIds;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.SendRequest;
import io.rocklet.mq.client.protocol.SendResponse;
import io.rocklet.mq.client.protocol.SendStatus;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One asynchronous send to a broker across a network: the caller's thread encodes and writes, the
 * answer completes the future on the transport's callback thread; a failed attempt is tried again
 * on another broker from there, as a sync send would (same id, so retries can be recognised).
 */
final class AsyncSend {
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(4 << 10));
    private final ProducerConfig config;
    private final Routes routes;
    private final Message message;
    private final int size;
    private final long bornMs = System.currentTimeMillis();
    private final long idLow = MessageIds.nextUniqueIdLow(bornMs);
    private final CompletableFuture<SendResult> result = new CompletableFuture<>();
    private int attempt;
    private String lastFailure = "no attempt";

    private AsyncSend(ProducerConfig config, Routes routes, Message message, int size) {
        this.config = config;
        this.routes = routes;
        this.message = message;
        this.size = size;
    }

    static CompletableFuture<SendResult> start(ProducerConfig config, Routes routes, Message message, int size) {
        AsyncSend send = new AsyncSend(config, routes, message, size);
        try {
            send.attempt(routes.publishInfo(message.topic()), null);
        } catch (MQException e) {
            send.result.completeExceptionally(e);
        }
        return send.result;
    }

    private void attempt(Routes.PublishInfo info, String avoidBroker) {
        Routes.WriteQueue target = DefaultProducer.target(info, message, null, null, avoidBroker);
        BrokerApi broker = routes.transport().broker(target.address());
        if (broker == null) {
            retryOrFail(target.queue().brokerName(), "broker " + target.queue().brokerName() + " is gone");
            return;
        }
        ByteBuffer record = buffer(size);
        RecordEncoder.encode(record, message, target.queue().queueId(), bornMs, MessageIds.bornHost(), bornMs,
                broker.storeHost(), MessageIds.uniqueIdHigh(), idLow);
        SendRequest request = new SendRequest();
        request.producerGroup = config.group();
        request.topic = message.topic();
        request.queueId = target.queue().queueId();
        request.records = record.flip();
        request.tagHashes(1);
        request.tagHashes[0] = RecordEncoder.tagHash(message.tag());
        request.deliverAtMs = RecordEncoder.deliverAtMs(message, bornMs);
        request.delayLevel = message.delayLevel();
        broker.sendAsync(request).whenComplete((response, error) -> {
            if (error != null) {
                retryOrFail(target.queue().brokerName(), error.toString());
            } else {
                settle(target, broker, response);
            }
        });
    }

    /**
     * This thread's encode buffer: the request is turned into a frame (its body and properties
     * copied out) before {@code sendAsync} returns, so the record itself need not outlive the call.
     */
    private static ByteBuffer buffer(int size) {
        ByteBuffer buffer = BUFFER.get();
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocate(Math.max(size, buffer.capacity() * 2));
            BUFFER.set(buffer);
        }
        return buffer.clear();
    }

    private void settle(Routes.WriteQueue target, BrokerApi broker, SendResponse response) {
        if (response.status == SendStatus.OK) {
            result.complete(new SendResult(MessageIds.uniqueIdHigh(), idLow, target.queue(), response.queueOffset,
                    broker.storeHost(), response.physicalOffset, response.flushPolicy));
        } else if (response.status == SendStatus.TOPIC_NOT_FOUND) {
            result.completeExceptionally(new TopicNotFoundException(message.topic()));
        } else if (response.status == SendStatus.MESSAGE_ILLEGAL) {
            result.completeExceptionally(new InvalidMessageException(response.remark));
        } else {
            retryOrFail(target.queue().brokerName(), response.remark);
        }
    }

    private void retryOrFail(String failedBroker, String why) {
        lastFailure = why;
        if (++attempt > config.retries()) {
            result.completeExceptionally(new BrokerUnavailableException("sending to '" + message.topic() + "' failed after "
                    + attempt + " attempts: " + lastFailure));
            return;
        }
        try {
            attempt(routes.refresh(message.topic()), failedBroker);
        } catch (MQException e) {
            result.completeExceptionally(e);
        }
    }
}
