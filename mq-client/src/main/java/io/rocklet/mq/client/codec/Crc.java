package io.rocklet.mq.client.codec;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** The CRC slot's checksum: CRC32C over a record except its two offsets and the slot itself. */
public final class Crc {
    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

    private Crc() {
    }

    /**
     * Checksum of the record at absolute index {@code start} of {@code size} bytes. Moves the
     * buffer's position and limit and restores them, so the buffer must not be shared with other
     * threads while this runs (pass a duplicate). Allocates nothing.
     */
    public static int ofRecord(ByteBuffer buf, int start, int size) {
        CRC32C crc = CRC.get();
        crc.reset();
        int position = buf.position();
        int limit = buf.limit();
        try {
            update(crc, buf, start, MessageRecord.BODY_CRC);
            update(crc, buf, start + MessageRecord.QUEUE_ID, MessageRecord.QUEUE_OFFSET - MessageRecord.QUEUE_ID);
            update(crc, buf, start + MessageRecord.SYS_FLAG, size - MessageRecord.SYS_FLAG);
        } finally {
            buf.limit(limit).position(position);
        }
        return (int) crc.getValue();
    }

    private static void update(CRC32C crc, ByteBuffer buf, int from, int length) {
        buf.limit(from + length).position(from);
        crc.update(buf);
    }
}
