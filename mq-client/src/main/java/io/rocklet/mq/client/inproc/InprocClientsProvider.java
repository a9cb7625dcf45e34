package io.rocklet.mq.client.inproc;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.spi.ClientsProvider;
import io.rocklet.mq.client.DefaultClients;
import io.rocklet.mq.client.protocol.NameServerApi;

/** {@code inproc://<name>}: a name server registered in this JVM under that name. */
public final class InprocClientsProvider implements ClientsProvider {
    @Override
    public boolean accepts(String endpoint) {
        return endpoint != null && endpoint.startsWith(InprocTransport.SCHEME);
    }

    @Override
    public Clients connect(String endpoint) {
        String name = endpoint.substring(InprocTransport.SCHEME.length());
        NameServerApi nameServer = InprocRegistry.nameServer(name);
        if (nameServer == null) {
            throw new InvalidConfigurationException("no in-process name server is registered as '" + name
                    + "' (start an EmbeddedBroker or EmbeddedNameServer with that name first)");
        }
        return new DefaultClients(new InprocTransport(endpoint, nameServer));
    }
}
