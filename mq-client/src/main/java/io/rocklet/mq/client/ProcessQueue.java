package io.rocklet.mq.client;

import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.client.codec.DecodedMessage;
import io.rocklet.mq.client.protocol.TagFilter;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local buffer of one assigned queue: a ring of {@link #SLOTS} slots indexed by
 * {@code offset - base} with a done flag per slot. Offsets filtered out arrive done; the offset to
 * commit is the first slot not done. Fetching pauses above the span or buffer limits. Short
 * synchronized sections; the fetch token and the armed flag are lock-free.
 */
final class ProcessQueue {
    static final int SLOTS = 2048;
    static final int MAX_SPAN = 2000;

    final MessageQueue queue;
    final TagFilter filter;
    /** Only one worker fetches at a time. */
    final AtomicBoolean fetchToken = new AtomicBoolean();
    /** An arrival listener is registered at the broker. */
    final AtomicBoolean armed = new AtomicBoolean();
    /** Queued in the consume pool's ready queue. */
    final AtomicBoolean queued = new AtomicBoolean();
    /** Orderly: held by the one worker consuming this queue; other workers pass it by. */
    final java.util.concurrent.locks.ReentrantLock consumeLock = new java.util.concurrent.locks.ReentrantLock();
    /** Orderly clustering: the broker lock counts as held until then (0 = not held). */
    volatile long lockedUntilNanos;
    /** Orderly clustering: the start offset was read after the first lock (scheduler thread only). */
    volatile boolean lockedOnce;
    /** Orderly: the queue waits after a failure until then. */
    volatile long suspendedUntilNanos;
    private final boolean orderly;

    private final MessageView[] slots = new MessageView[SLOTS];
    private final boolean[] done = new boolean[SLOTS];
    private final int maxMessages;
    private final long maxBytes;
    /** First offset not done: what may be committed. */
    private long base;
    /** Next offset a worker may claim. */
    private long claimCursor;
    /** One past the last fetched offset: where the next fetch starts. */
    private long fetchEnd;
    private final java.util.ArrayDeque<MessageView> redeliver = new java.util.ArrayDeque<>();
    private long redeliverAtNanos;
    private int bufferedMessages;
    private long bufferedBytes;
    private volatile boolean dropped;
    /** Broadcasting only: local failures per offset, until the message is done. */
    private java.util.Map<Long, Integer> localFailures;

    ProcessQueue(MessageQueue queue, TagFilter filter, long startOffset, int maxMessages, long maxBytes) {
        this(queue, filter, startOffset, maxMessages, maxBytes, false);
    }

    ProcessQueue(MessageQueue queue, TagFilter filter, long startOffset, int maxMessages, long maxBytes, boolean orderly) {
        this.orderly = orderly;
        this.queue = queue;
        this.filter = filter;
        this.base = startOffset;
        this.claimCursor = startOffset;
        this.fetchEnd = startOffset;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    synchronized long fetchOffset() {
        return fetchEnd;
    }

    /** Whether flow control lets this queue fetch now. */
    synchronized boolean fetchAllowed() {
        return !dropped && bufferedMessages < maxMessages && bufferedBytes < maxBytes && fetchEnd - base < MAX_SPAN;
    }

    /** Most messages the next fetch may add without overflowing the ring. */
    synchronized int fetchRoom(int batch) {
        return (int) Math.min(batch, SLOTS - (fetchEnd - base));
    }

    /**
     * Adds fetched messages; offsets between them that did not come (filtered) are done at once.
     * {@code nextOffset} is where the next fetch starts.
     */
    synchronized void add(List<MessageView> messages, long nextOffset) {
        for (MessageView m : messages) {
            long offset = m.queueOffset();
            if (offset < fetchEnd || offset >= nextOffset || offset - base >= SLOTS) {
                continue; // not ours (stale after a reset); never overwrite a slot
            }
            for (long o = fetchEnd; o < offset; o++) {
                done[slot(o)] = true;
            }
            slots[slot(offset)] = m;
            done[slot(offset)] = false;
            bufferedMessages++;
            bufferedBytes += ((DecodedMessage) m).bodyLength();
            fetchEnd = offset + 1;
        }
        for (long o = fetchEnd; o < nextOffset && o - base < SLOTS; o++) {
            done[slot(o)] = true;
            fetchEnd = o + 1;
        }
        advanceBase();
    }

    /** Moves the OFFSET_MOVED answer's offset in: nothing buffered before it matters any more. */
    synchronized void resetTo(long offset) {
        for (long o = base; o < fetchEnd; o++) {
            slots[slot(o)] = null;
            done[slot(o)] = false;
        }
        base = claimCursor = fetchEnd = offset;
        redeliver.clear();
        bufferedMessages = 0;
        bufferedBytes = 0;
    }

    /** Claims up to {@code max} messages in offset order into {@code out}. */
    synchronized void claim(int max, List<MessageView> out) {
        if (!redeliver.isEmpty() && System.nanoTime() >= redeliverAtNanos) {
            while (!redeliver.isEmpty() && out.size() < max) {
                out.add(redeliver.poll());
            }
            return;
        }
        if (orderly && !redeliver.isEmpty()) {
            return; // in order: nothing after a failed message until it is consumed
        }
        while (claimCursor < fetchEnd && out.size() < max) {
            int s = slot(claimCursor);
            if (!done[s] && slots[s] != null) {
                out.add(slots[s]);
            }
            claimCursor++;
        }
    }

    synchronized boolean hasUnclaimed() {
        if (!redeliver.isEmpty() && System.nanoTime() >= redeliverAtNanos) {
            return true;
        }
        for (long o = claimCursor; o < fetchEnd; o++) {
            if (!done[slot(o)]) {
                return true;
            }
        }
        return false;
    }

    /** Marks consumed messages done and frees their buffer space. */
    synchronized void markDone(List<MessageView> messages) {
        for (MessageView m : messages) {
            long offset = m.queueOffset();
            if (offset < base || offset >= fetchEnd) {
                continue; // reset since it was claimed
            }
            int s = slot(offset);
            if (!done[s]) {
                done[s] = true;
                slots[s] = null;
                bufferedMessages--;
                bufferedBytes -= ((DecodedMessage) m).bodyLength();
            }
        }
        advanceBase();
    }

    /**
     * Failed messages are consumed again, not before {@code atNanos} (local redelivery; they stay
     * not-done, so the commit offset waits for them).
     */
    synchronized void redeliverLater(List<MessageView> messages, long atNanos) {
        redeliver.addAll(messages);
        redeliverAtNanos = atNanos;
    }

    /** Counts one more local failure of the message at {@code offset}; returns the count. */
    synchronized int countLocalFailure(long offset) {
        if (localFailures == null) {
            localFailures = new java.util.HashMap<>();
        }
        return localFailures.merge(offset, 1, Integer::sum);
    }

    /** The offset to commit: the first one not done. */
    synchronized long commitOffset() {
        return base;
    }

    synchronized int bufferedMessages() {
        return bufferedMessages;
    }

    boolean dropped() {
        return dropped;
    }

    void drop() {
        dropped = true;
    }

    private void advanceBase() {
        while (base < fetchEnd && done[slot(base)]) {
            if (localFailures != null) {
                localFailures.remove(base);
            }
            done[slot(base)] = false;
            slots[slot(base)] = null;
            base++;
        }
    }

    private static int slot(long offset) {
        return (int) (offset & (SLOTS - 1));
    }
}
