package io.rocklet.mq.broker.tcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rocklet.mq.client.protocol.TopicRoute;
import io.rocklet.mq.client.remoting.CommandCodec;
import io.rocklet.mq.client.remoting.RemotingCommand;
import io.rocklet.mq.client.remoting.RemotingException;
import io.rocklet.mq.client.remoting.ResponseCode;

/**
 * GET_ROUTEINFO_BY_TOPIC (105): the route as RocketMQ's TopicRouteData JSON (reference §3.1),
 * broker ids as quoted keys, only brokers reachable over TCP. TBW102 carries perm 7 (inheritable),
 * so official producers auto-create topics through it.
 */
final class NameServerCodes {
    private static final int PERM_INHERIT = 1;
    private final TcpBackend backend;

    NameServerCodes(TcpBackend backend) {
        this.backend = backend;
    }

    RemotingCommand route(RemotingCommand request) {
        String topic = request.stringField("topic");
        TopicRoute route = backend.route(topic);
        ObjectNode data = CommandCodec.json().createObjectNode();
        ArrayNode brokers = data.putArray("brokerDatas");
        ArrayNode queues = data.putArray("queueDatas");
        data.putObject("filterServerTable");
        int count = 0;
        for (TopicRoute.BrokerRoute broker : route == null ? java.util.List.<TopicRoute.BrokerRoute>of() : route.brokers()) {
            if (!backend.reachableOverTcp(broker.address())) {
                continue;
            }
            ObjectNode b = brokers.addObject();
            b.putObject("brokerAddrs").put("0", broker.address());
            b.put("brokerName", broker.brokerName());
            b.put("cluster", "DefaultCluster");
            b.put("enableActingMaster", false);
            ObjectNode q = queues.addObject();
            q.put("brokerName", broker.brokerName());
            q.put("perm", broker.perm() | (topic.equals("TBW102") ? PERM_INHERIT : 0));
            q.put("readQueueNums", broker.readQueues());
            q.put("topicSysFlag", 0);
            q.put("writeQueueNums", broker.writeQueues());
            count++;
        }
        if (count == 0) {
            throw new RemotingException(ResponseCode.TOPIC_NOT_EXIST,
                    "No topic route info in name server for the topic: " + topic);
        }
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        try {
            response.body = CommandCodec.json().writeValueAsBytes(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }
}
