package io.rocklet.mq.client.remoting;

import io.rocklet.mq.api.BrokerUnavailableException;
import io.rocklet.mq.client.protocol.NameServerApi;
import io.rocklet.mq.client.protocol.TopicRoute;
import io.rocklet.mq.client.remoting.RemotingClient.CallException;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The route table from a list of name servers: one of them, picked at random, answers until it
 * fails, then the next in the list. Routes are cached; {@link #poll()} fetches every cached topic
 * again (the transport calls it every route-poll interval) and {@link #forget} drops one so its
 * next lookup asks at once (after a failed send).
 */
final class RemotingNameServer implements NameServerApi {
    private final RemotingClient client;
    private final List<String> addresses;
    private final long timeoutMs;
    private final ConcurrentHashMap<String, TopicRoute> routes = new ConcurrentHashMap<>();
    /** Broker address → broker name, from every route seen. */
    private final ConcurrentHashMap<String, String> brokerNames = new ConcurrentHashMap<>();
    private volatile int current;

    RemotingNameServer(RemotingClient client, List<String> addresses, long timeoutMs) {
        this.client = client;
        this.addresses = List.copyOf(addresses);
        this.timeoutMs = timeoutMs;
        this.current = ThreadLocalRandom.current().nextInt(addresses.size());
    }

    @Override
    public TopicRoute route(String topic) {
        TopicRoute cached = routes.get(topic);
        return cached != null ? cached : fetch(topic);
    }

    @Override
    public void forget(String topic) {
        routes.remove(topic);
    }

    /** The name of the broker at {@code address} in the routes seen so far, or null. */
    String brokerName(String address) {
        return brokerNames.get(address);
    }

    /** Fetches every cached route again; a topic that is gone is dropped. */
    void poll() {
        for (String topic : List.copyOf(routes.keySet())) {
            try {
                if (fetch(topic) == null) {
                    routes.remove(topic);
                }
            } catch (RuntimeException e) {
                RemotingClient.LOG.warn("polling the route of {} failed: {}", topic, e.getMessage());
            }
        }
    }

    /** The topic's route from the current name server, moving on to the next while they fail; null when none has it. */
    private TopicRoute fetch(String topic) {
        String failures = "";
        for (int i = 0; i < addresses.size(); i++) {
            int index = (current + i) % addresses.size();
            String address = addresses.get(index);
            RemotingCommand answer;
            try {
                answer = client.invokeSync(address, null, RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, 0)
                        .put("topic", topic).put("acceptStandardJsonOnly", true), timeoutMs);
            } catch (CallException e) {
                failures += " " + address + ": " + e.getMessage() + ";";
                continue;
            }
            if (index != current) {
                RemotingClient.LOG.info("using name server {} ({})", address, failures.trim());
                current = index;
            }
            if (answer.code == ResponseCode.TOPIC_NOT_EXIST) {
                return null;
            }
            if (answer.code != ResponseCode.SUCCESS) {
                RemotingBroker.checkAuthorized(answer);
                throw new BrokerUnavailableException("name server " + address + " answered code " + answer.code
                        + " for the route of " + topic + ": " + answer.remark);
            }
            TopicRoute route = RouteBodies.route(topic, answer.body);
            route.brokers().forEach(b -> brokerNames.put(b.address(), b.brokerName()));
            routes.put(topic, route);
            return route;
        }
        throw new BrokerUnavailableException("no name server answered for the route of " + topic + ":" + failures);
    }
}
