package io.rocklet.mq.client.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads fields of a {@link MessageRecord} at an absolute index without copying or moving the buffer. */
public final class RecordReader {
    private RecordReader() {
    }

    public static int totalSize(ByteBuffer buf, int at) {
        return buf.getInt(at + MessageRecord.TOTAL_SIZE);
    }

    public static int magic(ByteBuffer buf, int at) {
        return buf.getInt(at + MessageRecord.MAGIC);
    }

    public static int queueId(ByteBuffer buf, int at) {
        return buf.getInt(at + MessageRecord.QUEUE_ID);
    }

    public static long queueOffset(ByteBuffer buf, int at) {
        return buf.getLong(at + MessageRecord.QUEUE_OFFSET);
    }

    public static long physicalOffset(ByteBuffer buf, int at) {
        return buf.getLong(at + MessageRecord.PHYSICAL_OFFSET);
    }

    public static int sysFlag(ByteBuffer buf, int at) {
        return buf.getInt(at + MessageRecord.SYS_FLAG);
    }

    public static long storeTimestamp(ByteBuffer buf, int at) {
        return buf.getLong(at + MessageRecord.storeTimestampAt(sysFlag(buf, at)));
    }

    public static int bodyLength(ByteBuffer buf, int at) {
        return buf.getInt(at + MessageRecord.bodyLengthAt(sysFlag(buf, at)));
    }

    /** Absolute index of the topic-length byte. */
    public static int topicAt(ByteBuffer buf, int at) {
        int bodyLengthAt = at + MessageRecord.bodyLengthAt(sysFlag(buf, at));
        return bodyLengthAt + 4 + buf.getInt(bodyLengthAt);
    }

    public static String topic(ByteBuffer buf, int at) {
        int topicAt = topicAt(buf, at);
        int length = buf.get(topicAt) & 0xFF;
        byte[] bytes = new byte[length];
        buf.get(topicAt + 1, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Absolute index of the 2-byte properties length. */
    public static int propertiesAt(ByteBuffer buf, int at) {
        int topicAt = topicAt(buf, at);
        return topicAt + 1 + (buf.get(topicAt) & 0xFF);
    }

    /** Whether the record's size, magic and CRC hold (used by recovery and tests). */
    public static boolean isIntact(ByteBuffer buf, int at, int limit) {
        if (at + MessageRecord.FIXED_PART_V4 > limit) {
            return false;
        }
        int size = totalSize(buf, at);
        if (size < MessageRecord.OVERHEAD_V4 || at + size > limit || magic(buf, at) != MessageRecord.MAGIC_V1) {
            return false;
        }
        return Crc.ofRecord(buf.duplicate(), at, size) == buf.getInt(at + MessageRecord.BODY_CRC);
    }
}
