package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.MessageListener;
import io.rocklet.mq.api.MessageView;

/** Runs a {@link MessageListener} once per business key; see {@link Idempotent}. */
final class IdempotentMessageListener implements MessageListener {
    private final DedupGuard guard;
    private final MessageListener listener;

    IdempotentMessageListener(DedupGuard guard, MessageListener listener) {
        this.guard = guard;
        this.listener = listener;
    }

    @Override
    public ConsumeResult consume(MessageView message) {
        String key = guard.keyOf(message);
        if (key == null) {
            return listener.consume(message);
        }
        return switch (guard.begin(key)) {
            case BEGUN -> consumeClaimed(key, message);
            case IN_PROGRESS -> ConsumeResult.RECONSUME_LATER; // comes back when the other delivery has finished
            case ALREADY_CONSUMED -> ConsumeResult.SUCCESS;
        };
    }

    private ConsumeResult consumeClaimed(String key, MessageView message) {
        ConsumeResult result;
        try {
            result = listener.consume(message);
        } catch (Throwable t) {
            guard.abandon(key);
            throw t; // the consumer logs it and redelivers, as without the wrapper
        }
        if (result == ConsumeResult.SUCCESS) {
            guard.consumed(key);
            return ConsumeResult.SUCCESS;
        }
        guard.abandon(key);
        return ConsumeResult.RECONSUME_LATER;
    }
}
