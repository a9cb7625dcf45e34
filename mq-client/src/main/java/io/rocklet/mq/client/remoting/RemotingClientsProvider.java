package io.rocklet.mq.client.remoting;

import io.rocklet.mq.api.ClientOptions;
import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.spi.ClientsProvider;
import io.rocklet.mq.client.DefaultClients;

import java.util.ArrayList;
import java.util.List;

/** {@code rocketmq://host:port;host:port}: name servers over the network (see {@link RemotingTransport}). */
public final class RemotingClientsProvider implements ClientsProvider {
    @Override
    public boolean accepts(String endpoint) {
        return endpoint != null && endpoint.startsWith(RemotingTransport.SCHEME);
    }

    @Override
    public Clients connect(String endpoint) {
        return connect(endpoint, ClientOptions.defaults());
    }

    @Override
    public Clients connect(String endpoint, ClientOptions options) {
        return new DefaultClients(new RemotingTransport(endpoint, nameServers(endpoint), options));
    }

    /** The {@code host:port} list after the scheme, separated by ';' (or ','). */
    static List<String> nameServers(String endpoint) {
        List<String> addresses = new ArrayList<>();
        for (String part : endpoint.substring(RemotingTransport.SCHEME.length()).split("[;,]")) {
            String address = part.trim();
            if (address.isEmpty()) {
                continue;
            }
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || !address.substring(colon + 1).matches("\\d{1,5}")) {
                throw new InvalidConfigurationException("not a host:port name-server address in '" + endpoint + "': " + address);
            }
            addresses.add(address);
        }
        if (addresses.isEmpty()) {
            throw new InvalidConfigurationException("no name server in endpoint '" + endpoint + "'");
        }
        return addresses;
    }
}
