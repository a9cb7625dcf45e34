package io.rocklet.mq.api;

/** How the consumers of one group share a topic. */
public enum MessageModel {
    /** The group's members split the queues; each message goes to one member. */
    CLUSTERING,
    /** Every member receives every message; offsets are kept by each member. */
    BROADCASTING
}
