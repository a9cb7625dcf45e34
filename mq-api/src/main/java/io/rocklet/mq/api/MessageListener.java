package io.rocklet.mq.api;

/**
 * Consumes one message. Runs on a consumer's pool thread ({@code rocklet-consume-*}), possibly
 * concurrently for different messages. A thrown exception or a null result counts as
 * {@link ConsumeResult#RECONSUME_LATER}.
 */
@FunctionalInterface
public interface MessageListener {
    ConsumeResult consume(MessageView message);
}
