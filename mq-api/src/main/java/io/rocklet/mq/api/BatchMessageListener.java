package io.rocklet.mq.api;

import java.util.List;

/**
 * Consumes up to {@code consumeBatchSize} messages of one queue at a time. Runs on a consumer's
 * pool thread; the result covers the whole batch.
 */
@FunctionalInterface
public interface BatchMessageListener {
    ConsumeResult consume(List<MessageView> messages);
}
