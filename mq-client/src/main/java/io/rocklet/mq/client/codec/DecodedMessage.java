package io.rocklet.mq.client.codec;

import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.internal.PropertyNames;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link MessageView} over its own copy of one stored record (it never aliases broker memory).
 * Fixed fields are read from the copy; properties are parsed on first use.
 */
public final class DecodedMessage implements MessageView {
    private final byte[] record;
    private final ByteBuffer buf;
    private final MessageQueue queue;
    private volatile Map<String, String> allProperties;

    /** Copies the record at the slice's position..limit. */
    public DecodedMessage(ByteBuffer slice, MessageQueue queue) {
        this.record = new byte[slice.remaining()];
        slice.duplicate().get(record);
        this.buf = ByteBuffer.wrap(record);
        this.queue = queue;
    }

    /** The record's bytes (the copy this view reads; do not modify). */
    public byte[] record() {
        return record;
    }

    @Override
    public String messageId() {
        String id = property(PropertyNames.UNIQ_KEY);
        return id != null ? id : offsetMessageId();
    }

    /** Store host + physical offset (RocketMQ's offset message id). */
    public String offsetMessageId() {
        int sysFlag = RecordReader.sysFlag(buf, 0);
        return MessageIds.offsetId(buf.getLong(MessageRecord.storeHostAt(sysFlag)), physicalOffset());
    }

    @Override
    public String topic() {
        String retryTopic = property(PropertyNames.RETRY_TOPIC);
        if (retryTopic != null) {
            return retryTopic;
        }
        String realTopic = property(PropertyNames.REAL_TOPIC); // a parked delayed or half message
        return realTopic != null ? realTopic : RecordReader.topic(buf, 0);
    }

    @Override
    public String tag() {
        return property(PropertyNames.TAGS);
    }

    @Override
    public List<String> keys() {
        String keys = property(PropertyNames.KEYS);
        return keys == null ? List.of() : List.of(keys.split(" "));
    }

    @Override
    public Map<String, String> properties() {
        Map<String, String> user = new LinkedHashMap<>();
        properties0().forEach((name, value) -> {
            if (!PropertyNames.isReserved(name)) {
                user.put(name, value);
            }
        });
        return Collections.unmodifiableMap(user);
    }

    @Override
    public String property(String name) {
        return properties0().get(name);
    }

    @Override
    public byte[] body() {
        int bodyLengthAt = MessageRecord.bodyLengthAt(RecordReader.sysFlag(buf, 0));
        int length = buf.getInt(bodyLengthAt);
        return Arrays.copyOfRange(record, bodyLengthAt + 4, bodyLengthAt + 4 + length);
    }

    public int bodyLength() {
        return RecordReader.bodyLength(buf, 0);
    }

    @Override
    public MessageQueue queue() {
        return queue;
    }

    @Override
    public long queueOffset() {
        return RecordReader.queueOffset(buf, 0);
    }

    public long physicalOffset() {
        return RecordReader.physicalOffset(buf, 0);
    }

    @Override
    public long bornTimestamp() {
        return buf.getLong(MessageRecord.BORN_TIMESTAMP);
    }

    @Override
    public long storeTimestamp() {
        return RecordReader.storeTimestamp(buf, 0);
    }

    @Override
    public int reconsumeTimes() {
        return buf.getInt(MessageRecord.reconsumeTimesAt(RecordReader.sysFlag(buf, 0)));
    }

    @Override
    public long deliverAtMs() {
        String at = property(PropertyNames.TIMER_DELIVER_MS);
        return at == null ? 0 : Long.parseLong(at);
    }

    private Map<String, String> properties0() {
        Map<String, String> p = allProperties;
        if (p == null) {
            int at = RecordReader.propertiesAt(buf, 0);
            int length = buf.getShort(at) & 0xFFFF;
            p = MessageProperties.parse(record, at + 2, length);
            allProperties = p;
        }
        return p;
    }

    @Override
    public String toString() {
        return "MessageView{id=" + messageId() + ", queue=" + queue + ", offset=" + queueOffset() + ", tag=" + tag() + "}";
    }
}
