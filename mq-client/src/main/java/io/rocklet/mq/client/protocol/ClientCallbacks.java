package io.rocklet.mq.client.protocol;

/**
 * Calls a broker makes to a client, given with its heartbeat. The broker never waits on them:
 * implementations hop to the client's own executor at once.
 */
public interface ClientCallbacks {
    /** The group's membership changed: rebalance now. */
    void consumerIdsChanged(String group);
}
