package io.rocklet.mq.client.remoting;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rocklet.mq.api.BrokerUnavailableException;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.client.protocol.TopicRoute;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON bodies a client reads from a name server or broker. Apache RocketMQ writes them with
 * fastjson, whose maps may have unquoted numeric keys, so the reader is lenient; the reset-offset
 * body has object keys, which no JSON library reads, so it is taken apart by hand (reference §4.9).
 */
final class RouteBodies {
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();
    private static final Pattern OFFSET_ENTRY = Pattern.compile("\\{([^{}]*)\\}\\s*:\\s*(-?\\d+)");
    private static final Pattern BROKER_NAME = Pattern.compile("\"brokerName\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern QUEUE_ID = Pattern.compile("\"queueId\"\\s*:\\s*(\\d+)");
    private static final Pattern TOPIC = Pattern.compile("\"topic\"\\s*:\\s*\"([^\"]*)\"");

    private RouteBodies() {
    }

    static JsonNode parse(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new BrokerUnavailableException(what + " came without a body");
        }
        try {
            return LENIENT.readTree(body);
        } catch (Exception e) {
            throw new BrokerUnavailableException(what + " is not JSON: " + e.getMessage());
        }
    }

    /** RocketMQ's TopicRouteData as a route: per broker with a master, its queue counts and permissions. */
    static TopicRoute route(String topic, byte[] body) {
        JsonNode data = parse(body, "route of " + topic);
        Map<String, String> masters = new HashMap<>();
        for (JsonNode broker : data.path("brokerDatas")) {
            String master = broker.path("brokerAddrs").path("0").asText(null);
            if (master != null) {
                masters.put(broker.path("brokerName").asText(), master);
            }
        }
        List<TopicRoute.BrokerRoute> brokers = new ArrayList<>();
        for (JsonNode queues : data.path("queueDatas")) {
            String name = queues.path("brokerName").asText();
            String address = masters.get(name);
            if (address != null) {
                brokers.add(new TopicRoute.BrokerRoute(name, address, queues.path("readQueueNums").asInt(),
                        queues.path("writeQueueNums").asInt(), queues.path("perm").asInt()));
            }
        }
        brokers.sort(java.util.Comparator.comparing(TopicRoute.BrokerRoute::brokerName));
        return new TopicRoute(topic, brokers);
    }

    /** RESET_CONSUMER_CLIENT_OFFSET's {@code offsetTable}: broker name → queue id → offset, for {@code topic}. */
    static Map<String, Map<Integer, Long>> resetOffsets(String topic, byte[] body) {
        Map<String, Map<Integer, Long>> byBroker = new LinkedHashMap<>();
        Matcher entry = OFFSET_ENTRY.matcher(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        while (entry.find()) {
            MessageQueue queue = queue(entry.group(1));
            if (queue != null && queue.topic().equals(topic)) {
                byBroker.computeIfAbsent(queue.brokerName(), b -> new LinkedHashMap<>())
                        .put(queue.queueId(), Long.parseLong(entry.group(2)));
            }
        }
        return byBroker;
    }

    private static MessageQueue queue(String fields) {
        Matcher broker = BROKER_NAME.matcher(fields);
        Matcher queueId = QUEUE_ID.matcher(fields);
        Matcher topic = TOPIC.matcher(fields);
        if (!broker.find() || !queueId.find() || !topic.find()) {
            return null;
        }
        return new MessageQueue(topic.group(1), broker.group(1), Integer.parseInt(queueId.group(1)));
    }
}
