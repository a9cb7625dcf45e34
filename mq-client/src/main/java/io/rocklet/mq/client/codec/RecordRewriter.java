package io.rocklet.mq.client.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Re-encodes a stored record for the broker's own appends (retry, dead letter, timer delivery):
 * a new topic, queue, reconsume count and properties around the same body, born time and born
 * host; a new store time and store host; queue and physical offsets zero for the append to patch;
 * CRC recomputed. Off the hot path: it parses properties into a map.
 */
public final class RecordRewriter {
    private RecordRewriter() {
    }

    /** The record's properties, parsed. */
    public static Map<String, String> properties(ByteBuffer record, int at) {
        int propertiesAt = RecordReader.propertiesAt(record, at);
        int length = record.getShort(propertiesAt) & 0xFFFF;
        byte[] bytes = new byte[length];
        record.get(propertiesAt + 2, bytes);
        return MessageProperties.parse(bytes, 0, length);
    }

    public static int reconsumeTimes(ByteBuffer record, int at) {
        return record.getInt(at + MessageRecord.reconsumeTimesAt(RecordReader.sysFlag(record, at)));
    }

    /** A new heap buffer (position 0, limit = size) holding the rewritten record. */
    public static ByteBuffer rewrite(ByteBuffer record, int at, String topic, int queueId, int reconsumeTimes,
                                     Map<String, String> properties, long storeTimestamp, long storeHost) {
        int sysFlag = RecordReader.sysFlag(record, at);
        int bornHostLength = MessageRecord.hostLength(sysFlag, MessageRecord.FLAG_BORN_HOST_V6);
        int bodyLengthAt = at + MessageRecord.bodyLengthAt(sysFlag);
        int bodyLength = record.getInt(bodyLengthAt);
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        byte[] propertyBytes = MessageProperties.encode(properties);
        int size = MessageRecord.BORN_HOST + bornHostLength + 8 + 8 + 4 + 8 + 4 + bodyLength
                + 1 + topicBytes.length + 2 + propertyBytes.length;
        ByteBuffer dst = ByteBuffer.allocate(size);
        dst.putInt(size);
        dst.putInt(MessageRecord.MAGIC_V1);
        dst.putInt(0); // CRC slot, filled below
        dst.putInt(queueId);
        dst.putInt(record.getInt(at + MessageRecord.FLAG));
        dst.putLong(0L);
        dst.putLong(0L);
        dst.putInt(sysFlag & ~MessageRecord.FLAG_STORE_HOST_V6); // this broker's store host is IPv4
        dst.putLong(record.getLong(at + MessageRecord.BORN_TIMESTAMP));
        dst.put(record.slice(at + MessageRecord.BORN_HOST, bornHostLength));
        dst.putLong(storeTimestamp);
        dst.putLong(storeHost);
        dst.putInt(reconsumeTimes);
        dst.putLong(record.getLong(bodyLengthAt - 8)); // prepared transaction offset
        dst.putInt(bodyLength);
        dst.put(record.slice(bodyLengthAt + 4, bodyLength));
        dst.put((byte) topicBytes.length);
        dst.put(topicBytes);
        dst.putShort((short) propertyBytes.length);
        dst.put(propertyBytes);
        dst.putInt(MessageRecord.BODY_CRC, Crc.ofRecord(dst, 0, size));
        return dst.flip();
    }
}
