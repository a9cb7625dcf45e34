package io.rocklet.mq.api;

/** How durable a stored message is when its send returns. */
public enum FlushPolicy {
    /** The memory store: gone when the broker's JVM ends. */
    NONE,
    /** Written to a memory-mapped file, forced to disk within the broker's flush interval. */
    ASYNC,
    /** On disk when the send returns (concurrent sends share one force). */
    SYNC
}
