package io.rocklet.mq.client.remoting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rocklet.mq.api.AuthenticationException;
import io.rocklet.mq.api.BrokerUnavailableException;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.TransactionResolution;
import io.rocklet.mq.api.UnsupportedFeatureException;
import io.rocklet.mq.client.codec.MessageIds;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.ClientCallbacks;
import io.rocklet.mq.client.protocol.EndTransactionRequest;
import io.rocklet.mq.client.protocol.Heartbeat;
import io.rocklet.mq.client.protocol.PullRequest;
import io.rocklet.mq.client.protocol.PullResponse;
import io.rocklet.mq.client.protocol.SendBackRequest;
import io.rocklet.mq.client.protocol.SendRequest;
import io.rocklet.mq.client.protocol.SendResponse;
import io.rocklet.mq.client.protocol.SendStatus;
import io.rocklet.mq.client.remoting.RemotingClient.CallException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One broker over the remoting protocol: each call of the broker protocol as the request the
 * official client sends (reference §4). Heartbeats, and so group membership and the broker's
 * calls back, travel on a connection of the heartbeating client id; everything else shares one
 * connection. Pulls: {@link RemotePulls}.
 */
final class RemotingBroker implements BrokerApi {
    private static final String NO_CONSUMER = "no consumer";

    private final RemotingClient client;
    private final RemotingTransport transport;
    private final String address;
    private final String brokerName;
    private final long storeHost;
    private final long timeoutMs;
    private final RemotePulls pulls;
    /** Where answers to async sends complete (never an I/O thread: a retry may call the name server). */
    private final Executor callbacks;
    private volatile int version;

    RemotingBroker(RemotingClient client, RemotingTransport transport, String address, String brokerName, long timeoutMs,
                   long longPollMs, ScheduledExecutorService scheduler, Executor callbacks) {
        this.client = client;
        this.transport = transport;
        this.address = address;
        this.brokerName = brokerName;
        this.storeHost = storeHostOf(address);
        this.timeoutMs = timeoutMs;
        this.pulls = new RemotePulls(client, address, brokerName, timeoutMs, longPollMs, scheduler);
        this.callbacks = callbacks;
    }

    private static long storeHostOf(String address) {
        int colon = address.lastIndexOf(':');
        try {
            byte[] ip = InetAddress.getByName(address.substring(0, colon)).getAddress();
            return ip.length == 4 ? MessageIds.host(MessageIds.ipv4(ip), Integer.parseInt(address.substring(colon + 1))) : 0;
        } catch (UnknownHostException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public String brokerName() {
        return brokerName;
    }

    @Override
    public long storeHost() {
        return storeHost;
    }

    String address() {
        return address;
    }

    /** The broker's release as RocketMQ's version ordinal, from its last heartbeat answer (0 before). */
    int version() {
        return version;
    }

    // ---- sends

    @Override
    public void send(SendRequest request, SendResponse response) {
        response.clear();
        if (request.deliverAtMs > 0) {
            requireTimer(request);
        }
        RemotingCommand answer;
        try {
            answer = client.invokeSync(address, null, SendCommand.of(request, brokerName), timeoutMs);
        } catch (CallException e) {
            response.status = SendStatus.SERVICE_NOT_AVAILABLE;
            response.remark = e.getMessage();
            return;
        }
        settle(request.count, answer, response);
    }

    @Override
    public CompletableFuture<SendResponse> sendAsync(SendRequest request) {
        if (request.deliverAtMs > 0) {
            requireTimer(request);
        }
        int count = request.count;
        return client.invoke(address, null, SendCommand.of(request, brokerName), timeoutMs).handleAsync((answer, error) -> {
            SendResponse response = new SendResponse();
            response.clear();
            if (error != null) {
                response.status = SendStatus.SERVICE_NOT_AVAILABLE;
                response.remark = error.getMessage();
            } else {
                settle(count, answer, response);
            }
            return response;
        }, callbacks);
    }

    private void settle(int count, RemotingCommand answer, SendResponse response) {
        version = answer.version;
        switch (answer.code) {
            case ResponseCode.SUCCESS, ResponseCode.FLUSH_DISK_TIMEOUT, ResponseCode.FLUSH_SLAVE_TIMEOUT,
                 ResponseCode.SLAVE_NOT_AVAILABLE -> stored(count, answer, response);
            case ResponseCode.TOPIC_NOT_EXIST -> fail(response, SendStatus.TOPIC_NOT_FOUND, answer);
            case ResponseCode.MESSAGE_ILLEGAL, ResponseCode.INVALID_PARAMETER -> fail(response, SendStatus.MESSAGE_ILLEGAL, answer);
            default -> {
                checkAuthorized(answer);
                fail(response, SendStatus.SERVICE_NOT_AVAILABLE, answer);
            }
        }
    }

    /**
     * A delivery time needs RocketMQ 5's timer; a 4.x broker would ignore it and deliver at once.
     * The broker's version comes with every answer; before the first, a cheap call learns it.
     */
    private void requireTimer(SendRequest request) {
        if (version == 0) {
            try {
                version = call(RemotingCommand.request(RequestCode.GET_MIN_OFFSET, 0).put("topic", request.topic)
                        .put("queueId", request.queueId).put("bname", brokerName)).version;
            } catch (BrokerUnavailableException e) {
                return; // the send itself will fail and say why
            }
        }
        if (version < RemotingCommand.VERSION_5_0_0) {
            throw new UnsupportedFeatureException("broker " + brokerName + " runs RocketMQ 4.x (version ordinal " + version
                    + "), which has no timer for a delivery time: send to '" + request.topic + "' with a delay level instead");
        }
    }

    private static void fail(SendResponse response, SendStatus status, RemotingCommand answer) {
        response.status = status;
        response.remark = "code " + answer.code + ": " + answer.remark;
    }

    private void stored(int count, RemotingCommand answer, SendResponse response) {
        response.status = SendStatus.OK;
        response.queueId = answer.intField("queueId");
        response.queueOffset = answer.longField("queueOffset");
        String msgIds = answer.stringField("msgId");
        int comma = msgIds.indexOf(',');
        response.physicalOffset = MessageIds.physicalOffsetOf(comma < 0 ? msgIds : msgIds.substring(0, comma));
        if (count <= 1) {
            return;
        }
        String[] ids = msgIds.split(",");
        if (ids.length == count) {
            long[] offsets = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                offsets[i] = MessageIds.physicalOffsetOf(ids[i]);
            }
            response.batchPhysicalOffsets = offsets;
        }
    }

    /** An answer that says the credentials were refused becomes an {@link AuthenticationException}. */
    static void checkAuthorized(RemotingCommand answer) {
        String remark = answer.remark == null ? "" : answer.remark;
        if (answer.code == ResponseCode.NO_PERMISSION || remark.contains("AclException")
                || remark.contains("signature") || remark.contains("accessKey") || remark.contains("AccessKey")) {
            throw new AuthenticationException("the broker refused the request (code " + answer.code + "): " + remark);
        }
    }

    // ---- pulls

    @Override
    public PullResponse pull(PullRequest request) {
        return pulls.pull(request);
    }

    // ---- offsets

    @Override
    public long queryOffset(String group, String topic, int queueId) {
        RemotingCommand answer = call(RemotingCommand.request(RequestCode.QUERY_CONSUMER_OFFSET, 0)
                .put("consumerGroup", group).put("topic", topic).put("queueId", queueId).put("bname", brokerName));
        if (answer.code == ResponseCode.QUERY_NOT_FOUND) {
            return -1;
        }
        return ok(answer, "query offset").longField("offset");
    }

    @Override
    public void updateOffset(String group, String topic, int queueId, long offset) {
        ok(call(RemotingCommand.request(RequestCode.UPDATE_CONSUMER_OFFSET, 0)
                .put("consumerGroup", group).put("topic", topic).put("queueId", queueId).put("commitOffset", offset)
                .put("bname", brokerName)), "update offset");
    }

    @Override
    public long searchOffset(String topic, int queueId, long timestampMs) {
        return ok(call(RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, 0)
                .put("topic", topic).put("queueId", queueId).put("timestamp", timestampMs).put("boundaryType", "LOWER")
                .put("bname", brokerName)), "search offset").longField("offset");
    }

    @Override
    public long minOffset(String topic, int queueId) {
        return ok(call(RemotingCommand.request(RequestCode.GET_MIN_OFFSET, 0)
                .put("topic", topic).put("queueId", queueId).put("bname", brokerName)), "min offset").longField("offset");
    }

    @Override
    public long maxOffset(String topic, int queueId) {
        return ok(call(RemotingCommand.request(RequestCode.GET_MAX_OFFSET, 0)
                .put("topic", topic).put("queueId", queueId).put("committed", true).put("bname", brokerName)),
                "max offset").longField("offset");
    }

    // ---- membership

    @Override
    public void heartbeat(Heartbeat heartbeat, ClientCallbacks callbacks) {
        transport.register(heartbeat.clientId(), callbacks);
        ObjectNode data = CommandCodec.json().createObjectNode();
        data.put("clientID", heartbeat.clientId());
        ArrayNode producers = data.putArray("producerDataSet");
        heartbeat.producerGroups().forEach(g -> producers.addObject().put("groupName", g));
        ArrayNode consumers = data.putArray("consumerDataSet");
        for (Heartbeat.ConsumerData c : heartbeat.consumers()) {
            ObjectNode node = consumers.addObject();
            node.put("groupName", c.group());
            node.put("consumeType", "CONSUME_PASSIVELY");
            node.put("messageModel", c.model() == MessageModel.BROADCASTING ? "BROADCASTING" : "CLUSTERING");
            node.put("consumeFromWhere", consumeFromWhere(c.consumeFromWhere()));
            node.put("unitMode", false);
            ArrayNode subscriptions = node.putArray("subscriptionDataSet");
            for (Heartbeat.Subscription s : c.subscriptions()) {
                ObjectNode sub = subscriptions.addObject();
                sub.put("topic", s.topic());
                sub.put("subString", s.filter().expression());
                sub.put("expressionType", "TAG");
                sub.put("classFilterMode", false);
                sub.put("subVersion", 0);
                ArrayNode tags = sub.putArray("tagsSet");
                ArrayNode codes = sub.putArray("codeSet");
                for (String tag : s.filter().tags()) {
                    tags.add(tag);
                    codes.add(tag.hashCode());
                }
            }
        }
        RemotingCommand request = RemotingCommand.request(RequestCode.HEART_BEAT, 0);
        request.body = data.toString().getBytes(StandardCharsets.UTF_8);
        RemotingCommand answer = call(heartbeat.clientId(), request);
        ok(answer, "heartbeat");
        version = answer.version;
    }

    private static String consumeFromWhere(ConsumeFromWhere where) {
        return switch (where) {
            case FIRST -> "CONSUME_FROM_FIRST_OFFSET";
            case TIMESTAMP -> "CONSUME_FROM_TIMESTAMP";
            default -> "CONSUME_FROM_LAST_OFFSET";
        };
    }

    @Override
    public List<String> consumerIds(String group) {
        RemotingCommand answer = call(RemotingCommand.request(RequestCode.GET_CONSUMER_LIST_BY_GROUP, 0)
                .put("consumerGroup", group).put("bname", brokerName));
        if (answer.code != ResponseCode.SUCCESS && answer.remark != null && answer.remark.contains(NO_CONSUMER)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : RouteBodies.parse(ok(answer, "consumer list").body, "consumer list").path("consumerIdList")) {
            ids.add(id.asText());
        }
        return ids;
    }

    @Override
    public void unregister(String clientId, String producerGroup, String consumerGroup) {
        try {
            call(clientId, RemotingCommand.request(RequestCode.UNREGISTER_CLIENT, 0).put("clientID", clientId)
                    .put("producerGroup", producerGroup).put("consumerGroup", consumerGroup));
        } finally {
            client.disconnect(address, clientId);
            transport.unregister(clientId);
        }
    }

    // ---- retry, order, transactions

    @Override
    public SendResponse sendBack(SendBackRequest r) {
        SendResponse response = new SendResponse();
        try {
            RemotingCommand answer = call(RemotingCommand.request(RequestCode.CONSUMER_SEND_MSG_BACK, 0)
                    .put("offset", r.physicalOffset()).put("group", r.group()).put("delayLevel", r.delayLevel())
                    .put("originMsgId", r.originMessageId()).put("originTopic", r.originTopic())
                    .put("maxReconsumeTimes", r.maxReconsumeTimes()).put("unitMode", false).put("bname", brokerName));
            if (answer.code == ResponseCode.SUCCESS) {
                response.status = SendStatus.OK;
            } else {
                fail(response, SendStatus.SERVICE_NOT_AVAILABLE, answer);
            }
        } catch (BrokerUnavailableException e) {
            response.status = SendStatus.SERVICE_NOT_AVAILABLE;
            response.remark = e.getMessage();
        }
        return response;
    }

    @Override
    public Set<MessageQueue> lockBatch(String group, String clientId, Set<MessageQueue> queues) {
        RemotingCommand answer = ok(call(lockCommand(RequestCode.LOCK_BATCH_MQ, group, clientId, queues)), "lock");
        Set<MessageQueue> locked = new HashSet<>();
        for (JsonNode q : RouteBodies.parse(answer.body, "lock answer").path("lockOKMQSet")) {
            locked.add(new MessageQueue(q.path("topic").asText(), q.path("brokerName").asText(), q.path("queueId").asInt()));
        }
        return locked;
    }

    @Override
    public void unlockBatch(String group, String clientId, Set<MessageQueue> queues) {
        ok(call(lockCommand(RequestCode.UNLOCK_BATCH_MQ, group, clientId, queues)), "unlock");
    }

    private static RemotingCommand lockCommand(int code, String group, String clientId, Set<MessageQueue> queues) {
        ObjectNode body = CommandCodec.json().createObjectNode();
        body.put("consumerGroup", group);
        body.put("clientId", clientId);
        body.put("onlyThisBroker", false);
        ArrayNode set = body.putArray("mqSet");
        for (MessageQueue q : queues) {
            set.addObject().put("brokerName", q.brokerName()).put("queueId", q.queueId()).put("topic", q.topic());
        }
        RemotingCommand command = RemotingCommand.request(code, 0);
        command.body = body.toString().getBytes(StandardCharsets.UTF_8);
        return command;
    }

    @Override
    public void endTransaction(EndTransactionRequest r) {
        int decision = switch (r.resolution()) {
            case COMMIT -> 8;
            case ROLLBACK -> 12;
            default -> 0;
        };
        RemotingCommand command = RemotingCommand.request(RequestCode.END_TRANSACTION, 0)
                .put("producerGroup", r.producerGroup())
                .put("tranStateTableOffset", r.halfQueueOffset())
                .put("commitLogOffset", r.halfPhysicalOffset())
                .put("commitOrRollback", decision)
                .put("fromTransactionCheck", r.fromCheck())
                .put("msgId", r.uniqKey())
                .put("transactionId", r.uniqKey())
                .put("bname", brokerName);
        if (r.resolution() == TransactionResolution.UNKNOWN) {
            command.remark = "the local transaction's state is unknown";
        }
        try {
            client.invokeOneway(address, null, command);
        } catch (CallException e) {
            throw new BrokerUnavailableException("ending transaction " + r.uniqKey() + " at " + brokerName + ": "
                    + e.getMessage());
        }
    }

    // ---- calls

    private RemotingCommand call(RemotingCommand request) {
        return call(null, request);
    }

    private RemotingCommand call(String owner, RemotingCommand request) {
        try {
            return client.invokeSync(address, owner, request, timeoutMs);
        } catch (CallException e) {
            throw new BrokerUnavailableException("broker " + brokerName + " at " + address + ": " + e.getMessage());
        }
    }

    private RemotingCommand ok(RemotingCommand answer, String what) {
        if (answer.code != ResponseCode.SUCCESS) {
            checkAuthorized(answer);
            throw new BrokerUnavailableException(what + " at broker " + brokerName + " failed (code " + answer.code
                    + "): " + answer.remark);
        }
        return answer;
    }

    @Override
    public String toString() {
        return "RemotingBroker{" + brokerName + "@" + address + "}";
    }
}
