package io.rocklet.mq.client.inproc;

import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.NameServerApi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM-wide table of in-process endpoints: name servers by name ({@code inproc://<name>}) and
 * brokers by the address their routes carry.
 */
public final class InprocRegistry {
    private static final ConcurrentHashMap<String, NameServerApi> NAME_SERVERS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, BrokerApi> BROKERS = new ConcurrentHashMap<>();

    private InprocRegistry() {
    }

    /** @throws InvalidConfigurationException the name is taken */
    public static void registerNameServer(String name, NameServerApi nameServer) {
        if (NAME_SERVERS.putIfAbsent(name, nameServer) != null) {
            throw new InvalidConfigurationException("an in-process name server is already registered as '" + name + "'");
        }
    }

    public static void unregisterNameServer(String name, NameServerApi nameServer) {
        NAME_SERVERS.remove(name, nameServer);
    }

    public static NameServerApi nameServer(String name) {
        return NAME_SERVERS.get(name);
    }

    public static void registerBroker(String address, BrokerApi broker) {
        if (BROKERS.putIfAbsent(address, broker) != null) {
            throw new InvalidConfigurationException("an in-process broker already has address " + address);
        }
    }

    public static void unregisterBroker(String address, BrokerApi broker) {
        BROKERS.remove(address, broker);
    }

    public static BrokerApi broker(String address) {
        return BROKERS.get(address);
    }

    /** Registered names and addresses, for leak checks in tests. */
    public static Set<String> entries() {
        Set<String> all = new java.util.TreeSet<>();
        NAME_SERVERS.keySet().forEach(n -> all.add("name server " + n));
        BROKERS.keySet().forEach(a -> all.add("broker " + a));
        return all;
    }
}
