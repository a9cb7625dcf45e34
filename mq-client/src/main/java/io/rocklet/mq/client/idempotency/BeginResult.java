package io.rocklet.mq.client.idempotency;

/** What {@link DedupStore#tryBegin} found for a key. */
public enum BeginResult {
    /** No live record: the caller now holds a CONSUMING record and should run the business logic. */
    BEGUN,
    /** Another delivery holds a CONSUMING record whose lease is alive: try again later. */
    IN_PROGRESS,
    /** A CONSUMED record within its retention: the business logic already ran; skip it. */
    ALREADY_CONSUMED
}
