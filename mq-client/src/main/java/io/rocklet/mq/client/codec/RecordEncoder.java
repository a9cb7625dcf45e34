package io.rocklet.mq.client.codec;

import io.rocklet.mq.api.InvalidMessageException;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.internal.MessageChecks;
import io.rocklet.mq.api.internal.PropertyNames;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link Message} as a {@link MessageRecord} straight into a buffer: properties as bytes
 * (UNIQ_KEY, TAGS, KEYS, then user properties), CRC slot filled, queue and physical offsets 0 for
 * the broker to patch. Allocates nothing.
 */
public final class RecordEncoder {
    /** Digits of an epoch-ms time from 2001 to 2286: a delay's delivery time is sized before the clock is read. */
    private static final int EPOCH_MS_DIGITS = 13;
    private static final int UNIQ_KEY_PAIR = PropertyNames.UNIQ_KEY.length() + MessageIds.HEX_LENGTH + 2;

    private RecordEncoder() {
    }

    /** Exact encoded size of {@code message}'s record. */
    public static int size(Message message) {
        return MessageRecord.size(message.bodyLength(), message.topic().length(), propertiesSize(message));
    }

    /**
     * Encodes at {@code dst.position()} and advances it; {@code dst} must have {@link #size} bytes
     * left and be a heap buffer owned by the caller's thread (the CRC moves its limits).
     *
     * @throws InvalidMessageException the properties exceed 32,767 bytes
     */
    public static void encode(ByteBuffer dst, Message message, int queueId, long bornTimestamp, long bornHost,
                              long storeTimestamp, long storeHost, long idHigh, long idLow) {
        int propertiesSize = propertiesSize(message);
        if (propertiesSize > MessageChecks.MAX_PROPERTIES_BYTES) {
            throw new InvalidMessageException("properties of a message to '" + message.topic() + "' encode to "
                    + propertiesSize + " bytes, more than " + MessageChecks.MAX_PROPERTIES_BYTES);
        }
        String topic = message.topic();
        int start = dst.position();
        int size = MessageRecord.size(message.bodyLength(), topic.length(), propertiesSize);
        dst.putInt(size);
        dst.putInt(MessageRecord.MAGIC_V1);
        dst.putInt(0); // CRC slot, filled below
        dst.putInt(queueId);
        dst.putInt(0); // flag
        dst.putLong(0L); // queue offset: patched by the broker
        dst.putLong(0L); // physical offset: patched by the broker
        dst.putInt(0); // sys flag
        dst.putLong(bornTimestamp);
        dst.putLong(bornHost);
        dst.putLong(storeTimestamp);
        dst.putLong(storeHost);
        dst.putInt(0); // reconsume times
        dst.putLong(0L); // prepared transaction offset
        dst.putInt(message.bodyLength());
        message.writeBodyTo(dst);
        dst.put((byte) topic.length());
        for (int i = 0; i < topic.length(); i++) {
            dst.put((byte) topic.charAt(i)); // topics are ASCII: checked when the message was built
        }
        dst.putShort((short) propertiesSize);
        writeProperties(dst, message, idHigh, idLow, bornTimestamp);
        dst.putInt(start + MessageRecord.BODY_CRC, Crc.ofRecord(dst, start, size));
    }

    /**
     * The delivery time a delayed message carries in {@code TIMER_DELIVER_MS}: its own, or the born
     * time plus its delay; 0 for none (delay levels are resolved by the broker's table).
     */
    public static long deliverAtMs(Message message, long bornTimestamp) {
        return message.delayMs() > 0 ? bornTimestamp + message.delayMs() : message.deliverAtMs();
    }

    private static void writeProperties(ByteBuffer dst, Message message, long idHigh, long idLow, long bornTimestamp) {
        Utf8.write(dst, PropertyNames.UNIQ_KEY);
        dst.put(MessageProperties.NAME_VALUE_SEPARATOR);
        MessageIds.writeHex(dst, idHigh, idLow);
        dst.put(MessageProperties.PROPERTY_SEPARATOR);
        if (message.tag() != null) {
            MessageProperties.put(dst, PropertyNames.TAGS, message.tag());
        }
        List<String> keys = message.keys();
        if (!keys.isEmpty()) {
            Utf8.write(dst, PropertyNames.KEYS);
            dst.put(MessageProperties.NAME_VALUE_SEPARATOR);
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    dst.put((byte) PropertyNames.KEY_SEPARATOR);
                }
                Utf8.write(dst, keys.get(i));
            }
            dst.put(MessageProperties.PROPERTY_SEPARATOR);
        }
        long deliverAt = deliverAtMs(message, bornTimestamp);
        if (deliverAt > 0) {
            Utf8.write(dst, PropertyNames.TIMER_DELIVER_MS);
            dst.put(MessageProperties.NAME_VALUE_SEPARATOR);
            writeDigits(dst, deliverAt);
            dst.put(MessageProperties.PROPERTY_SEPARATOR);
        } else if (message.delayLevel() > 0) {
            Utf8.write(dst, PropertyNames.DELAY);
            dst.put(MessageProperties.NAME_VALUE_SEPARATOR);
            writeDigits(dst, message.delayLevel());
            dst.put(MessageProperties.PROPERTY_SEPARATOR);
        }
        Map<String, String> properties = message.properties();
        if (!properties.isEmpty()) {
            for (Map.Entry<String, String> e : properties.entrySet()) {
                MessageProperties.put(dst, e.getKey(), e.getValue());
            }
        }
    }

    /** Writes a positive number's decimal digits without making a String. */
    private static void writeDigits(ByteBuffer dst, long value) {
        int digits = digits(value);
        int end = dst.position() + digits;
        for (int i = end - 1; i >= end - digits; i--) {
            dst.put(i, (byte) ('0' + value % 10));
            value /= 10;
        }
        dst.position(end);
    }

    private static int digits(long value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }

    static int propertiesSize(Message message) {
        int size = UNIQ_KEY_PAIR;
        if (message.tag() != null) {
            size += MessageProperties.size(PropertyNames.TAGS, message.tag());
        }
        List<String> keys = message.keys();
        if (!keys.isEmpty()) {
            size += PropertyNames.KEYS.length() + 2 + keys.size() - 1;
            for (int i = 0; i < keys.size(); i++) {
                size += Utf8.length(keys.get(i));
            }
        }
        if (message.deliverAtMs() > 0) {
            size += PropertyNames.TIMER_DELIVER_MS.length() + 2 + digits(message.deliverAtMs());
        } else if (message.delayMs() > 0) {
            size += PropertyNames.TIMER_DELIVER_MS.length() + 2 + EPOCH_MS_DIGITS;
        } else if (message.delayLevel() > 0) {
            size += PropertyNames.DELAY.length() + 2 + digits(message.delayLevel());
        }
        Map<String, String> properties = message.properties();
        if (!properties.isEmpty()) {
            for (Map.Entry<String, String> e : properties.entrySet()) {
                size += MessageProperties.size(e.getKey(), e.getValue());
            }
        }
        return size;
    }

    /**
     * Encodes a record from its parts, as they arrive over the wire (a remoting send): the body
     * and the properties string as bytes. Offsets 0 for the broker to patch; CRC filled.
     */
    public static ByteBuffer encodeRaw(String topic, int queueId, int flag, int sysFlag, long bornTimestamp,
                                       long bornHost, long storeTimestamp, long storeHost, int reconsumeTimes,
                                       byte[] body, byte[] properties) {
        byte[] topicBytes = topic.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int size = MessageRecord.size(body.length, topicBytes.length, properties.length);
        ByteBuffer dst = ByteBuffer.allocate(size);
        dst.putInt(size);
        dst.putInt(MessageRecord.MAGIC_V1);
        dst.putInt(0);
        dst.putInt(queueId);
        dst.putInt(flag);
        dst.putLong(0L);
        dst.putLong(0L);
        dst.putInt(sysFlag & ~(MessageRecord.FLAG_BORN_HOST_V6 | MessageRecord.FLAG_STORE_HOST_V6));
        dst.putLong(bornTimestamp);
        dst.putLong(bornHost);
        dst.putLong(storeTimestamp);
        dst.putLong(storeHost);
        dst.putInt(reconsumeTimes);
        dst.putLong(0L);
        dst.putInt(body.length);
        dst.put(body);
        dst.put((byte) topicBytes.length);
        dst.put(topicBytes);
        dst.putShort((short) properties.length);
        dst.put(properties);
        dst.putInt(MessageRecord.BODY_CRC, Crc.ofRecord(dst, 0, size));
        return dst.flip();
    }

    /** RocketMQ's tag hash: {@code String.hashCode()} widened to long, 0 without a tag. */
    public static long tagHash(String tag) {
        return tag == null ? 0L : tag.hashCode();
    }
}
