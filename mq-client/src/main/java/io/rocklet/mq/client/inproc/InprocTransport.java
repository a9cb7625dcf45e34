package io.rocklet.mq.client.inproc;

import io.rocklet.mq.client.internal.Transport;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.NameServerApi;

/** Direct calls: the name server and brokers are objects in this JVM. */
public final class InprocTransport implements Transport {
    public static final String SCHEME = "inproc://";
    private final String endpoint;
    private final NameServerApi nameServer;

    public InprocTransport(String endpoint, NameServerApi nameServer) {
        this.endpoint = endpoint;
        this.nameServer = nameServer;
    }

    @Override
    public NameServerApi nameServer() {
        return nameServer;
    }

    @Override
    public BrokerApi broker(String address) {
        return InprocRegistry.broker(address);
    }

    @Override
    public String endpoint() {
        return endpoint;
    }
}
