package io.rocklet.mq.client.protocol;

/** A broker's answer to a send (RocketMQ's response codes, as values). */
public enum SendStatus {
    OK(true),
    /** The topic does not exist and auto-creation is off. */
    TOPIC_NOT_FOUND(false),
    /** No room in the store now; the sender may wait and try again until its timeout. */
    STORE_FULL(false),
    /** The record is unacceptable (too large, bad queue id). */
    MESSAGE_ILLEGAL(false),
    /** The broker is closing or closed; another broker may take it. */
    SERVICE_NOT_AVAILABLE(true);

    private final boolean retriableElsewhere;

    SendStatus(boolean retriableElsewhere) {
        this.retriableElsewhere = retriableElsewhere;
    }

    /** Whether trying another queue or broker may succeed. */
    public boolean retriableElsewhere() {
        return retriableElsewhere;
    }
}
