package io.rocklet.mq.broker.tcp;

import io.netty.channel.Channel;
import io.rocklet.mq.api.internal.PropertyNames;
import io.rocklet.mq.client.codec.MessageIds;
import io.rocklet.mq.client.codec.RecordRewriter;
import io.rocklet.mq.client.protocol.ClientCallbacks;
import io.rocklet.mq.client.protocol.TransactionCheck;
import io.rocklet.mq.client.remoting.RemotingCommand;
import io.rocklet.mq.client.remoting.RequestCode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker's calls to a client connected over TCP, as oneway requests on its channel: consumer
 * ids changed (40), check transaction state (39), reset consumer offset (220). Never waits.
 */
final class ChannelCallbacks implements ClientCallbacks {
    private static final AtomicInteger OPAQUE = new AtomicInteger();
    private final Channel channel;
    private final long storeHost;

    ChannelCallbacks(Channel channel, long storeHost) {
        this.channel = channel;
        this.storeHost = storeHost;
    }

    private void send(RemotingCommand command) {
        command.flag = RemotingCommand.FLAG_ONEWAY;
        if (channel.isActive()) {
            channel.writeAndFlush(command);
        }
    }

    @Override
    public void consumerIdsChanged(String group) {
        send(RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, OPAQUE.incrementAndGet()).put("consumerGroup", group));
    }

    @Override
    public void checkTransaction(TransactionCheck check) {
        ByteBuffer half = check.record();
        Map<String, String> properties = RecordRewriter.properties(half, 0);
        String topic = properties.getOrDefault(PropertyNames.REAL_TOPIC, "");
        int queueId = Integer.parseInt(properties.getOrDefault(PropertyNames.REAL_QID, "0"));
        long physicalOffset = half.getLong(io.rocklet.mq.client.codec.MessageRecord.PHYSICAL_OFFSET);
        long queueOffset = half.getLong(io.rocklet.mq.client.codec.MessageRecord.QUEUE_OFFSET);
        // The client reads the message as it will be delivered: real topic and queue.
        ByteBuffer record = RecordRewriter.rewrite(half, 0, topic, queueId, 0, properties,
                half.getLong(io.rocklet.mq.client.codec.MessageRecord.storeTimestampAt(half.getInt(io.rocklet.mq.client.codec.MessageRecord.SYS_FLAG))),
                storeHost);
        record.putLong(io.rocklet.mq.client.codec.MessageRecord.PHYSICAL_OFFSET, physicalOffset);
        record.putLong(io.rocklet.mq.client.codec.MessageRecord.QUEUE_OFFSET, queueOffset);
        RemotingCommand request = RemotingCommand.request(RequestCode.CHECK_TRANSACTION_STATE, OPAQUE.incrementAndGet())
                .put("topic", topic)
                .put("tranStateTableOffset", queueOffset)
                .put("commitLogOffset", physicalOffset)
                .put("msgId", check.uniqKey())
                .put("transactionId", check.uniqKey())
                .put("offsetMsgId", MessageIds.offsetId(storeHost, physicalOffset));
        request.body = new byte[record.remaining()];
        record.get(request.body);
        send(request);
    }

    @Override
    public void resetOffset(String group, String topic, String brokerName, Map<Integer, Long> offsets) {
        // fastjson's map with object keys: not valid JSON, so written by hand (reference §4.9).
        StringBuilder body = new StringBuilder("{\"offsetTable\":{");
        boolean first = true;
        for (Map.Entry<Integer, Long> e : offsets.entrySet()) {
            if (!first) {
                body.append(',');
            }
            first = false;
            body.append("{\"brokerName\":\"").append(brokerName).append("\",\"queueId\":").append(e.getKey())
                    .append(",\"topic\":\"").append(topic).append("\"}:").append(e.getValue());
        }
        body.append("}}");
        RemotingCommand request = RemotingCommand.request(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, OPAQUE.incrementAndGet())
                .put("topic", topic).put("group", group).put("timestamp", System.currentTimeMillis()).put("isForce", true);
        request.body = body.toString().getBytes(StandardCharsets.UTF_8);
        send(request);
    }
}
