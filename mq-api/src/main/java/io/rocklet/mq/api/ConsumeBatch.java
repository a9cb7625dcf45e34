package io.rocklet.mq.api;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The messages a {@link BatchMessageListener} gets: a read-only list, plus a way to say how far
 * it got. A listener that consumed the first messages and then failed calls
 * {@link #ackIndex(int)} with the index of the last consumed one and returns
 * {@link ConsumeResult#RECONSUME_LATER}: only the messages after it are retried.
 */
public final class ConsumeBatch extends AbstractList<MessageView> implements RandomAccess {
    private final List<MessageView> messages;
    private volatile int ackIndex = -1;

    public ConsumeBatch(List<MessageView> messages) {
        this.messages = messages;
    }

    @Override
    public MessageView get(int index) {
        return messages.get(index);
    }

    @Override
    public int size() {
        return messages.size();
    }

    /**
     * Marks messages {@code 0..index} consumed (RocketMQ's ack index). Only a result of
     * {@code RECONSUME_LATER} uses it; {@code SUCCESS} covers the whole batch anyway.
     *
     * @throws IndexOutOfBoundsException {@code index} is not in {@code -1 .. size() - 1}
     */
    public void ackIndex(int index) {
        if (index < -1 || index >= messages.size()) {
            throw new IndexOutOfBoundsException("ack index " + index + " outside -1.." + (messages.size() - 1));
        }
        this.ackIndex = index;
    }

    /** The index of the last consumed message, -1 when none was. */
    public int ackIndex() {
        return ackIndex;
    }
}
