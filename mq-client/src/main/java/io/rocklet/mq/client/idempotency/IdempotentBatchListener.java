package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.BatchMessageListener;
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
    public ConsumeResult consume(List<MessageView> messages) {
        List<MessageView> toConsume = new ArrayList<>(messages.size());
        List<String> claimed = new ArrayList<>(messages.size());
        boolean heldElsewhere = claim(messages, toConsume, claimed);
        ConsumeResult result = toConsume.isEmpty() ? ConsumeResult.SUCCESS : consumeClaimed(toConsume, claimed);
        // A key held by another delivery makes the whole batch come back; its claimed keys are
        // CONSUMED by then, so only the held one runs again.
        return result == ConsumeResult.SUCCESS && !heldElsewhere ? ConsumeResult.SUCCESS : ConsumeResult.RECONSUME_LATER;
    }

    /** Sorts the batch into messages to consume (filling both lists); true if a key is held by another delivery. */
    private boolean claim(List<MessageView> messages, List<MessageView> toConsume, List<String> claimed) {
        Set<String> keysInBatch = new HashSet<>();
        boolean heldElsewhere = false;
        try {
            for (MessageView message : messages) {
                String key = guard.keyOf(message);
                if (key == null) {
                    toConsume.add(message);
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
            claimed.forEach(guard::abandon);
            throw e;
        }
        return heldElsewhere;
    }

    private ConsumeResult consumeClaimed(List<MessageView> toConsume, List<String> claimed) {
        ConsumeResult result;
        try {
            result = listener.consume(List.copyOf(toConsume));
        } catch (Throwable t) {
            claimed.forEach(guard::abandon);
            throw t;
        }
        if (result == ConsumeResult.SUCCESS) {
            claimed.forEach(guard::consumed);
            return ConsumeResult.SUCCESS;
        }
        claimed.forEach(guard::abandon);
        return ConsumeResult.RECONSUME_LATER;
    }
}
