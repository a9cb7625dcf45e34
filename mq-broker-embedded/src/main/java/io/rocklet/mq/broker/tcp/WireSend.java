package io.rocklet.mq.broker.tcp;

import io.rocklet.mq.api.internal.PropertyNames;
import io.rocklet.mq.api.internal.SystemTopics;
import io.rocklet.mq.client.codec.MessageIds;
import io.rocklet.mq.client.codec.MessageProperties;
import io.rocklet.mq.client.codec.MessageRecord;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.protocol.SendRequest;
import io.rocklet.mq.client.remoting.BatchBody;
import io.rocklet.mq.client.remoting.RemotingCommand;
import io.rocklet.mq.client.remoting.RemotingException;
import io.rocklet.mq.client.remoting.RequestCode;
import io.rocklet.mq.client.remoting.ResponseCode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A remoting send (10, 310, 320) as the broker protocol's {@link SendRequest}: header fields
 * (single-letter names for V2 and batches) and body become stored records (reference §4.2, §6.4);
 * delay levels, timer properties and half messages are recognised (§6.7); a retry-topic send past
 * its maximum goes to the dead-letter queue; a zlib-compressed body is stored inflated
 * ({@link CompressedBody}).
 */
final class WireSend {
    private static final int TRANSACTION_MASK = 0xC;
    private static final int TRANSACTION_PREPARED = 0x4;

    final SendRequest request = new SendRequest();
    /** Each record's unique id, for the response. */
    final List<String> uniqKeys = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();

    private WireSend() {
    }

    static WireSend of(RemotingCommand command, long bornHost, long storeHost) {
        boolean v2 = command.code == RequestCode.SEND_MESSAGE_V2 || command.code == RequestCode.SEND_BATCH_MESSAGE;
        Header h = new Header(command, v2);
        WireSend send = new WireSend();
        SendRequest r = send.request;
        r.producerGroup = h.string("a", "producerGroup");
        r.topic = h.string("b", "topic");
        r.defaultTopicQueues = (int) h.number("d", "defaultTopicQueueNums", 0);
        r.queueId = (int) h.number("e", "queueId", 0);
        int sysFlag = (int) h.number("f", "sysFlag", 0);
        long bornTimestamp = h.number("g", "bornTimestamp", System.currentTimeMillis());
        int flag = (int) h.number("h", "flag", 0);
        String propertyString = h.optional("i", "properties");
        int reconsumeTimes = (int) h.number("j", "reconsumeTimes", 0);
        long maxReconsumeTimes = h.number("l", "maxReconsumeTimes", -1);
        boolean batch = command.code == RequestCode.SEND_BATCH_MESSAGE || "true".equals(h.optional("m", "batch"));
        if (command.body == null) {
            throw new RemotingException(ResponseCode.MESSAGE_ILLEGAL, "send to " + r.topic + " has no body");
        }
        Map<String, String> properties = parse(propertyString);
        // A client's own send-back after its last retry: 4.9.x clients send reconsumeTimes equal to
        // the maximum (their broker diverts on >=), 5.x clients one more (diverted on >).
        boolean exhausted = command.version < RemotingCommand.VERSION_5_0_0 ? reconsumeTimes >= maxReconsumeTimes : reconsumeTimes > maxReconsumeTimes;
        if (SystemTopics.isRetryTopic(r.topic) && maxReconsumeTimes >= 0 && exhausted) {
            r.topic = SystemTopics.deadLetterTopic(r.topic.substring(SystemTopics.RETRY_PREFIX.length()));
            r.queueId = 0;
            properties.remove(PropertyNames.DELAY);
        }
        if ((sysFlag & TRANSACTION_MASK) == TRANSACTION_PREPARED || "true".equals(properties.get("TRAN_MSG"))) {
            r.transactionPrepared = true;
        }
        sysFlag &= ~TRANSACTION_MASK;
        delays(r, properties);
        long now = System.currentTimeMillis();
        if (!batch) {
            byte[] body = command.body;
            if (CompressedBody.isZlib(sysFlag)) {
                body = CompressedBody.inflate(body, r.topic);
                sysFlag = CompressedBody.plainSysFlag(sysFlag);
            }
            send.add(r.topic, r.queueId, flag, sysFlag, bornTimestamp, bornHost, now, storeHost, reconsumeTimes,
                    body, properties);
        } else {
            for (BatchBody.Entry entry : BatchBody.read(command.body)) {
                Map<String, String> inner = MessageProperties.parse(entry.properties(), 0, entry.properties().length);
                send.add(r.topic, r.queueId, entry.flag(), sysFlag, bornTimestamp, bornHost, now, storeHost, reconsumeTimes,
                        entry.body(), inner);
            }
        }
        send.finish();
        return send;
    }

    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private final List<Long> tagHashes = new ArrayList<>();

    private void add(String topic, int queueId, int flag, int sysFlag, long bornTimestamp, long bornHost, long storeTimestamp,
                     long storeHost, int reconsumeTimes, byte[] body, Map<String, String> properties) {
        String uniqKey = properties.get(PropertyNames.UNIQ_KEY);
        if (uniqKey == null) {
            uniqKey = MessageIds.toHex(MessageIds.uniqueIdHigh(), MessageIds.nextUniqueIdLow(storeTimestamp));
            properties.put(PropertyNames.UNIQ_KEY, uniqKey);
        }
        uniqKeys.add(uniqKey);
        ByteBuffer record = RecordEncoder.encodeRaw(topic, queueId, flag, sysFlag, bornTimestamp, bornHost, storeTimestamp,
                storeHost, reconsumeTimes, body, MessageProperties.encode(properties));
        sizes.add(record.remaining());
        records.write(record.array(), 0, record.remaining());
        tagHashes.add(RecordEncoder.tagHash(properties.get(PropertyNames.TAGS)));
    }

    private void finish() {
        request.records = ByteBuffer.wrap(records.toByteArray());
        request.tagHashes(tagHashes.size());
        for (int i = 0; i < tagHashes.size(); i++) {
            request.tagHashes[i] = tagHashes.get(i);
        }
        request.batch = tagHashes.size() > 1;
        if (request.records.remaining() > 0 && request.records.remaining() < MessageRecord.OVERHEAD_V4) {
            throw new RemotingException(ResponseCode.MESSAGE_ILLEGAL, "empty send");
        }
    }

    /** Alibaba Cloud's ONS SDK: {@code Message.setStartDeliverTime(ms)}, an absolute delivery time. */
    private static final String ONS_START_DELIVER_TIME = "__STARTDELIVERTIME";

    /** DELAY (level) wins over the timer properties, as in RocketMQ 5; then ONS's start-deliver time. */
    private static void delays(SendRequest r, Map<String, String> properties) {
        String level = properties.get(PropertyNames.DELAY);
        if (level != null) {
            int value = parseInt(level, PropertyNames.DELAY);
            if (value > 0) {
                r.delayLevel = Math.min(value, 18);
                return;
            }
        }
        long now = System.currentTimeMillis();
        String deliverMs = properties.get(PropertyNames.TIMER_DELIVER_MS);
        String delayMs = properties.get("TIMER_DELAY_MS");
        String delaySec = properties.get("TIMER_DELAY_SEC");
        if (deliverMs == null) {
            deliverMs = properties.get(ONS_START_DELIVER_TIME);
        }
        if (deliverMs != null) {
            r.deliverAtMs = parseLong(deliverMs, PropertyNames.TIMER_DELIVER_MS);
        } else if (delayMs != null) {
            r.deliverAtMs = now + parseLong(delayMs, "TIMER_DELAY_MS");
        } else if (delaySec != null) {
            r.deliverAtMs = now + 1000 * parseLong(delaySec, "TIMER_DELAY_SEC");
        }
    }

    private static int parseInt(String value, String name) {
        return (int) parseLong(value, name);
    }

    private static long parseLong(String value, String name) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new RemotingException(ResponseCode.MESSAGE_ILLEGAL, "property " + name + " is not a number: " + value);
        }
    }

    private static Map<String, String> parse(String properties) {
        if (properties == null || properties.isEmpty()) {
            return new java.util.LinkedHashMap<>();
        }
        byte[] bytes = properties.getBytes(StandardCharsets.UTF_8);
        return MessageProperties.parse(bytes, 0, bytes.length);
    }

    /** Header fields by their V2 letter or their V1 name. */
    private record Header(RemotingCommand command, boolean v2) {
        String optional(String letter, String name) {
            return command.field(v2 ? letter : name);
        }

        String string(String letter, String name) {
            String value = optional(letter, name);
            if (value == null) {
                throw new RemotingException(ResponseCode.SYSTEM_ERROR, "send header field '" + (v2 ? letter : name)
                        + "' (" + name + ") is missing");
            }
            return value;
        }

        long number(String letter, String name, long fallback) {
            String value = optional(letter, name);
            if (value == null) {
                return fallback;
            }
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new RemotingException(ResponseCode.SYSTEM_ERROR, "send header field '" + (v2 ? letter : name)
                        + "' (" + name + ") is not a number: " + value);
            }
        }
    }
}
