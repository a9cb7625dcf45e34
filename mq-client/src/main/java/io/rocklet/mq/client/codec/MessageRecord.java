package io.rocklet.mq.client.codec;

/**
 * The stored-message record: Apache RocketMQ's layout (magic V1), used in the CommitLog, in pull
 * responses and on the wire. All integers big-endian. Rocklet always writes IPv4 hosts; readers
 * also accept IPv6 hosts (sysFlag bits {@link #FLAG_BORN_HOST_V6}, {@link #FLAG_STORE_HOST_V6}),
 * which shift every field after {@link #BORN_HOST}.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  total size (whole record)                    |  0
 *  |                  magic 0xDAA320A7 (V1)                        |  4
 *  |  CRC slot: CRC32C of the record minus offsets and this slot   |  8
 *  |                  queue id                                     | 12
 *  |                  flag (user int)                              | 16
 *  |                  queue offset (8)                             | 20
 *  |                  physical offset (8)                          | 28
 *  |                  sys flag                                     | 36
 *  |                  born timestamp ms (8)                        | 40
 *  |                  born host: IPv4 (4) + port (4)               | 48
 *  |                  store timestamp ms (8)                       | 56
 *  |                  store host: IPv4 (4) + port (4)              | 64
 *  |                  reconsume times                              | 72
 *  |                  prepared transaction offset (8)              | 76
 *  |                  body length n                                | 84
 *  |                  body (n bytes)                               ...
 *  | topic length t (1) | topic (t bytes, UTF-8)                   ...
 *  | properties length p (2)  | properties (p bytes, see MessageProperties)
 *  +---------------------------------------------------------------+
 * </pre>
 * Size with IPv4 hosts: {@code 91 + n + t + p}. The CRC slot covers bytes [0, 8), [12, 20) and
 * [36, end): queue offset and physical offset are patched by the broker under its lock, after the
 * CRC was computed outside it.
 *
 * <p>A CommitLog segment ends with a filler: total size (the rest of the segment) and
 * {@link #BLANK_MAGIC}.
 */
public final class MessageRecord {
    public static final int MAGIC_V1 = 0xDAA320A7;
    public static final int BLANK_MAGIC = 0xCBD43194;

    public static final int TOTAL_SIZE = 0;
    public static final int MAGIC = 4;
    public static final int BODY_CRC = 8;
    public static final int QUEUE_ID = 12;
    public static final int FLAG = 16;
    public static final int QUEUE_OFFSET = 20;
    public static final int PHYSICAL_OFFSET = 28;
    public static final int SYS_FLAG = 36;
    public static final int BORN_TIMESTAMP = 40;
    public static final int BORN_HOST = 48;
    /** Fields from here on are at these offsets only with IPv4 hosts; use the {@code …At} methods. */
    public static final int STORE_TIMESTAMP_V4 = 56;
    public static final int FIXED_PART_V4 = 88;
    /** Bytes of a record besides body, topic and properties, with IPv4 hosts. */
    public static final int OVERHEAD_V4 = 91;
    /** Size of the filler's header that closes a segment. */
    public static final int BLANK_HEADER = 8;

    public static final int FLAG_COMPRESSED = 0x1;
    public static final int TRANSACTION_TYPE_MASK = 0xC;
    public static final int FLAG_BORN_HOST_V6 = 0x10;
    public static final int FLAG_STORE_HOST_V6 = 0x20;
    public static final int COMPRESSION_TYPE_MASK = 0x700;
    public static final int COMPRESSION_ZLIB = 0x300;

    private MessageRecord() {
    }

    public static int size(int bodyLength, int topicLength, int propertiesLength) {
        return OVERHEAD_V4 + bodyLength + topicLength + propertiesLength;
    }

    static int hostLength(int sysFlag, int v6Bit) {
        return (sysFlag & v6Bit) == 0 ? 8 : 20;
    }

    /** Offset of the store timestamp given the record's sys flag. */
    public static int storeTimestampAt(int sysFlag) {
        return BORN_HOST + hostLength(sysFlag, FLAG_BORN_HOST_V6);
    }

    public static int storeHostAt(int sysFlag) {
        return storeTimestampAt(sysFlag) + 8;
    }

    public static int reconsumeTimesAt(int sysFlag) {
        return storeHostAt(sysFlag) + hostLength(sysFlag, FLAG_STORE_HOST_V6);
    }

    public static int bodyLengthAt(int sysFlag) {
        return reconsumeTimesAt(sysFlag) + 4 + 8;
    }
}
