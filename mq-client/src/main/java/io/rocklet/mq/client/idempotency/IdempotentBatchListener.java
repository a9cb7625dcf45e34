package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.BatchMessageListener;
import io.rocklet.mq.api.ConsumeBatch;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.MessageView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a {@link BatchMessageListener} on the messages of a batch whose keys are not consumed yet;
 * see {@link Idempotent.Builder#wrapBatch}.
 */
final class IdempotentBatchListener implements BatchMessageListener {
    private final DedupGuard guard;
    private final BatchMessageListener listener;

    IdempotentBatchListener(DedupGuard guard, BatchMessageListener listener) {
        this.guard = guard;
        this.listener = listener;
    }

    @Override
    public ConsumeResult consume(ConsumeBatch messages) {
        List<MessageView> toConsume = new ArrayList<>(messages.size());
        List<String> claimed = new ArrayList<>(messages.size());
        boolean heldElsewhere = claim(messages, toConsume, claimed);
        ConsumeResult result = toConsume.isEmpty() ? ConsumeResult.SUCCESS : consumeClaimed(toConsume, claimed);
        // A key held by another delivery makes the whole batch come back; its claimed keys are
        // CONSUMED by then, so only the held one runs again.
        return result == ConsumeResult.SUCCESS && !heldElsewhere ? ConsumeResult.SUCCESS : ConsumeResult.RECONSUME_LATER;
    }

    /**
     * Sorts the batch into messages to consume and, index-aligned, the key each claimed (null for a
     * message without a key); true if a key is held by another delivery.
     */
    private boolean claim(List<MessageView> messages, List<MessageView> toConsume, List<String> claimed) {
        Set<String> keysInBatch = new HashSet<>();
        boolean heldElsewhere = false;
        try {
            for (MessageView message : messages) {
                String key = guard.keyOf(message);
                if (key == null) {
                    toConsume.add(message);
                    claimed.add(null);
                } else if (keysInBatch.add(key)) { // a second copy in the same batch rides on the first
                    switch (guard.begin(key)) {
                        case BEGUN -> {
                            claimed.add(key);
                            toConsume.add(message);
                        }
                        case IN_PROGRESS -> heldElsewhere = true;
                        case ALREADY_CONSUMED -> {
                        }
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            abandon(claimed, 0);
            throw e;
        }
        return heldElsewhere;
    }

    /**
     * Runs the listener on the claimed messages. On failure the keys of the messages it acknowledged
     * ({@link ConsumeBatch#ackIndex}) are consumed and the rest released for the redelivery.
     */
    private ConsumeResult consumeClaimed(List<MessageView> toConsume, List<String> claimed) {
        ConsumeBatch batch = new ConsumeBatch(List.copyOf(toConsume));
        ConsumeResult result;
        try {
            result = listener.consume(batch);
        } catch (Throwable t) {
            abandon(claimed, 0);
            throw t;
        }
        int consumed = result == ConsumeResult.SUCCESS ? claimed.size() : batch.ackIndex() + 1;
        for (int i = 0; i < consumed; i++) {
            if (claimed.get(i) != null) {
                guard.consumed(claimed.get(i));
            }
        }
        abandon(claimed, consumed);
        return result == ConsumeResult.SUCCESS ? ConsumeResult.SUCCESS : ConsumeResult.RECONSUME_LATER;
    }

    private void abandon(List<String> claimed, int from) {
        for (int i = from; i < claimed.size(); i++) {
            if (claimed.get(i) != null) {
                guard.abandon(claimed.get(i));
            }
        }
    }
}
