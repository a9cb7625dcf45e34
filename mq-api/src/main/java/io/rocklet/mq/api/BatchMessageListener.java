package io.rocklet.mq.api;


/**
 * Consumes up to {@code consumeBatchSize} messages of one queue at a time. Runs on a consumer's
 * pool thread; the result covers the whole batch, unless the listener said with
 * {@link ConsumeBatch#ackIndex(int)} how far it got before it failed. A thrown exception or a
 * null result counts as {@link ConsumeResult#RECONSUME_LATER}.
 */
@FunctionalInterface
public interface BatchMessageListener {
    ConsumeResult consume(ConsumeBatch messages);
}
