package io.rocklet.mq.api.spi;

import io.rocklet.mq.api.Clients;

/** A transport that {@link Clients#connect(String)} finds with {@link java.util.ServiceLoader}. */
public interface ClientsProvider {
    boolean accepts(String endpoint);

    Clients connect(String endpoint);

    /** Connects with network settings; transports without a network ignore them. */
    default Clients connect(String endpoint, io.rocklet.mq.api.ClientOptions options) {
        return connect(endpoint);
    }
}
