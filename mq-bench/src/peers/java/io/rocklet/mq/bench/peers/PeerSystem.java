package io.rocklet.mq.bench.peers;

/** A message broker measured beside Rocklet: starts a fresh broker (and its clients) per scenario. */
interface PeerSystem {
    /** The {@code "system"} of every JSON line: {@code rocketmq} or {@code artemis}. */
    String name();

    /**
     * Starts a new broker in this JVM under a name no earlier broker of this run used. Blocks until
     * producers can reach it.
     */
    PeerBroker start(String instance) throws Exception;
}
