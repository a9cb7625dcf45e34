package io.rocklet.mq.api;

/** What became of a local transaction: its half message is committed, rolled back, or checked again later. */
public enum TransactionResolution {
    /** The local transaction committed: deliver the message. */
    COMMIT,
    /** The local transaction rolled back: drop the message. */
    ROLLBACK,
    /** Not known yet: the broker asks the producer group's {@link TransactionChecker} later. */
    UNKNOWN
}
