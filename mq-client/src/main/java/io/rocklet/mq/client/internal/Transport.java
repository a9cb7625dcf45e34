package io.rocklet.mq.client.internal;

import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.NameServerApi;

/** How a client reaches its name server and, by address, the brokers its routes name. */
public interface Transport extends AutoCloseable {
    NameServerApi nameServer();

    /** The broker at a route's address, or null when it is gone. */
    BrokerApi broker(String address);

    /** The endpoint string, for messages. */
    String endpoint();

    /** Whether brokers answer later (a network): async sends then wait on the network, not on the caller. */
    default boolean asynchronous() {
        return false;
    }

    /** Closes connections and threads of the transport, if it has any. */
    @Override
    default void close() {
    }
}
