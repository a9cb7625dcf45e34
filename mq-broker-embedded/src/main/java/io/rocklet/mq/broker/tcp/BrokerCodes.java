package io.rocklet.mq.broker.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.TransactionResolution;
import io.rocklet.mq.client.codec.MessageIds;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.EndTransactionRequest;
import io.rocklet.mq.client.protocol.Heartbeat;
import io.rocklet.mq.client.protocol.SendBackRequest;
import io.rocklet.mq.client.protocol.SendResponse;
import io.rocklet.mq.client.protocol.SendStatus;
import io.rocklet.mq.client.protocol.TagFilter;
import io.rocklet.mq.client.remoting.CommandCodec;
import io.rocklet.mq.client.remoting.RemotingCommand;
import io.rocklet.mq.client.remoting.RemotingException;
import io.rocklet.mq.client.remoting.RequestCode;
import io.rocklet.mq.client.remoting.ResponseCode;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The broker's request codes (reference §4), each translated onto the broker protocol: the same
 * store, groups, offsets, retry, timer, transactions and locks the in-process clients use.
 */
final class BrokerCodes {
    private final TcpBackend backend;
    private final BrokerApi broker;
    private final PullCodes pulls;

    BrokerCodes(TcpBackend backend) {
        this.backend = backend;
        this.broker = backend.broker();
        this.pulls = new PullCodes(backend);
    }

    /** The response, or null when it is sent later (a parked pull). */
    RemotingCommand handle(ChannelHandlerContext ctx, RemotingCommand request) {
        return switch (request.code) {
            case RequestCode.SEND_MESSAGE, RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE -> send(ctx, request);
            case RequestCode.PULL_MESSAGE, RequestCode.LITE_PULL_MESSAGE -> {
                pulls.pull(ctx, request);
                yield null;
            }
            case RequestCode.HEART_BEAT -> heartbeat(ctx, request);
            case RequestCode.UNREGISTER_CLIENT -> {
                broker.unregister(request.stringField("clientID"), request.field("producerGroup"), request.field("consumerGroup"));
                yield ok(request);
            }
            case RequestCode.GET_CONSUMER_LIST_BY_GROUP -> consumerList(request);
            case RequestCode.QUERY_CONSUMER_OFFSET -> {
                long offset = broker.queryOffset(request.stringField("consumerGroup"), request.stringField("topic"),
                        request.intField("queueId"));
                yield offset < 0 ? RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND, "no offset stored")
                        : ok(request).put("offset", offset);
            }
            case RequestCode.UPDATE_CONSUMER_OFFSET -> {
                broker.updateOffset(request.stringField("consumerGroup"), request.stringField("topic"),
                        request.intField("queueId"), request.longField("commitOffset"));
                yield ok(request);
            }
            case RequestCode.GET_MAX_OFFSET -> ok(request).put("offset",
                    broker.maxOffset(request.stringField("topic"), request.intField("queueId")));
            case RequestCode.GET_MIN_OFFSET -> ok(request).put("offset",
                    broker.minOffset(request.stringField("topic"), request.intField("queueId")));
            case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP -> ok(request).put("offset", broker.searchOffset(
                    request.stringField("topic"), request.intField("queueId"), request.longField("timestamp")));
            case RequestCode.CONSUMER_SEND_MSG_BACK -> sendBack(request);
            case RequestCode.END_TRANSACTION -> endTransaction(request);
            case RequestCode.LOCK_BATCH_MQ -> lock(request);
            case RequestCode.UNLOCK_BATCH_MQ -> {
                LockBody body = LockBody.parse(request.body);
                broker.unlockBatch(body.group, body.clientId, body.queues);
                yield ok(request);
            }
            case RequestCode.CHECK_CLIENT_CONFIG -> checkClientConfig(request);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.code + " not supported");
        };
    }

    private static RemotingCommand ok(RemotingCommand request) {
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand send(ChannelHandlerContext ctx, RemotingCommand request) {
        WireSend send = WireSend.of(request, bornHost(ctx), broker.storeHost());
        SendResponse response = new SendResponse();
        broker.send(send.request, response);
        if (response.status != SendStatus.OK) {
            int code = switch (response.status) {
                case TOPIC_NOT_FOUND -> ResponseCode.TOPIC_NOT_EXIST;
                case MESSAGE_ILLEGAL -> ResponseCode.MESSAGE_ILLEGAL;
                default -> ResponseCode.SERVICE_NOT_AVAILABLE; // store full or closing: the client retries elsewhere
            };
            return RemotingCommand.responseTo(request, code, response.remark);
        }
        StringBuilder ids = new StringBuilder();
        long physicalOffset = response.physicalOffset;
        for (int i = 0; i < send.sizes.size(); i++) {
            if (i > 0) {
                ids.append(',');
            }
            ids.append(MessageIds.offsetId(broker.storeHost(), physicalOffset));
            physicalOffset += send.sizes.get(i);
        }
        return ok(request)
                .put("msgId", ids)
                .put("queueId", response.queueId)
                .put("queueOffset", response.queueOffset)
                .put("transactionId", send.uniqKeys.get(0))
                .put("MSG_REGION", "DefaultRegion")
                .put("TRACE_ON", "false");
    }

    private static long bornHost(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                && address.getAddress().getAddress().length == 4) {
            return MessageIds.host(MessageIds.ipv4(address.getAddress().getAddress()), address.getPort());
        }
        return 0;
    }

    private RemotingCommand heartbeat(ChannelHandlerContext ctx, RemotingCommand request) {
        JsonNode data = CommandCodec.parseBody(request.body, "heartbeat");
        String clientId = data.path("clientID").asText(null);
        if (clientId == null) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "heartbeat without clientID");
        }
        List<String> producers = new ArrayList<>();
        for (JsonNode p : data.path("producerDataSet")) {
            String group = p.path("groupName").asText("");
            if (!group.isEmpty() && !group.equals("CLIENT_INNER_PRODUCER")) {
                producers.add(group);
            }
        }
        List<Heartbeat.ConsumerData> consumers = new ArrayList<>();
        for (JsonNode c : data.path("consumerDataSet")) {
            List<Heartbeat.Subscription> subscriptions = new ArrayList<>();
            for (JsonNode s : c.path("subscriptionDataSet")) {
                boolean sql = "SQL92".equals(s.path("expressionType").asText("TAG"));
                subscriptions.add(new Heartbeat.Subscription(s.path("topic").asText(),
                        sql ? TagFilter.ALL : TagFilter.parse(s.path("subString").asText("*"))));
            }
            MessageModel model = "BROADCASTING".equals(c.path("messageModel").asText()) ? MessageModel.BROADCASTING
                    : MessageModel.CLUSTERING;
            consumers.add(new Heartbeat.ConsumerData(c.path("groupName").asText(), model,
                    consumeFromWhere(c.path("consumeFromWhere").asText("")), subscriptions));
        }
        broker.heartbeat(new Heartbeat(clientId, producers, consumers), new ChannelCallbacks(ctx.channel(), broker.storeHost()));
        return ok(request);
    }

    private static ConsumeFromWhere consumeFromWhere(String name) {
        return switch (name) {
            case "CONSUME_FROM_FIRST_OFFSET" -> ConsumeFromWhere.FIRST;
            case "CONSUME_FROM_TIMESTAMP" -> ConsumeFromWhere.TIMESTAMP;
            default -> ConsumeFromWhere.LAST;
        };
    }

    private RemotingCommand consumerList(RemotingCommand request) {
        List<String> ids = broker.consumerIds(request.stringField("consumerGroup"));
        if (ids.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "no consumer for this group");
        }
        ObjectNode body = CommandCodec.json().createObjectNode();
        ArrayNode list = body.putArray("consumerIdList");
        ids.forEach(list::add);
        RemotingCommand response = ok(request);
        response.body = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return response;
    }

    private RemotingCommand sendBack(RemotingCommand request) {
        SendResponse response = broker.sendBack(new SendBackRequest(request.stringField("group"), request.longField("offset"),
                (int) request.longField("delayLevel", 0), request.field("originMsgId"), request.field("originTopic"),
                (int) request.longField("maxReconsumeTimes", 16)));
        return response.status == SendStatus.OK ? ok(request)
                : RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, response.remark);
    }

    private RemotingCommand endTransaction(RemotingCommand request) {
        int decision = request.intField("commitOrRollback");
        TransactionResolution resolution = switch (decision) {
            case 8 -> TransactionResolution.COMMIT;
            case 12 -> TransactionResolution.ROLLBACK;
            default -> TransactionResolution.UNKNOWN;
        };
        String uniqKey = request.field("msgId") != null ? request.field("msgId") : request.stringField("transactionId");
        broker.endTransaction(new EndTransactionRequest(request.stringField("producerGroup"),
                request.longField("commitLogOffset", -1), request.longField("tranStateTableOffset", -1), uniqKey, resolution,
                "true".equals(request.field("fromTransactionCheck"))));
        return ok(request);
    }

    private RemotingCommand lock(RemotingCommand request) {
        LockBody body = LockBody.parse(request.body);
        Set<MessageQueue> locked = broker.lockBatch(body.group, body.clientId, body.queues);
        ObjectNode reply = CommandCodec.json().createObjectNode();
        ArrayNode set = reply.putArray("lockOKMQSet");
        for (MessageQueue q : locked) {
            set.addObject().put("brokerName", q.brokerName()).put("queueId", q.queueId()).put("topic", q.topic());
        }
        RemotingCommand response = ok(request);
        response.body = reply.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return response;
    }

    private RemotingCommand checkClientConfig(RemotingCommand request) {
        JsonNode body = CommandCodec.parseBody(request.body, "client config");
        String type = body.path("subscriptionData").path("expressionType").asText("TAG");
        if (!"TAG".equals(type)) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "The broker does not support consumer to filter message by " + type + " (only TAG expressions)");
        }
        return ok(request);
    }

    /** LOCK_BATCH_MQ / UNLOCK_BATCH_MQ body. */
    private record LockBody(String group, String clientId, Set<MessageQueue> queues) {
        static LockBody parse(byte[] body) {
            JsonNode node = CommandCodec.parseBody(body, "lock batch");
            Set<MessageQueue> queues = new HashSet<>();
            for (JsonNode q : node.path("mqSet")) {
                queues.add(new MessageQueue(q.path("topic").asText(), q.path("brokerName").asText(), q.path("queueId").asInt()));
            }
            return new LockBody(node.path("consumerGroup").asText(), node.path("clientId").asText(), queues);
        }
    }
}
