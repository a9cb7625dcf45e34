package io.rocklet.mq.client.remoting;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * SEND_BATCH_MESSAGE's body (reference §6.4), written by the client and read by the TCP endpoint:
 * per message {@code size (4), magic 0 (4), body CRC 0 (4), flag (4), body length (4), body,
 * properties length (2), properties}, back to back.
 */
public final class BatchBody {
    /** The smallest entry: the fixed fields with an empty body and no properties. */
    private static final int MIN_ENTRY = 22;

    /** One message of a batch; {@code properties} is the encoded properties string. */
    public record Entry(int flag, byte[] body, byte[] properties) {
    }

    private BatchBody() {
    }

    static void write(ByteArrayOutputStream out, int flag, byte[] body, byte[] properties) {
        ByteBuffer entry = ByteBuffer.allocate(MIN_ENTRY + body.length + properties.length);
        entry.putInt(entry.capacity()).putInt(0).putInt(0).putInt(flag)
                .putInt(body.length).put(body).putShort((short) properties.length).put(properties);
        out.write(entry.array(), 0, entry.capacity());
    }

    /** @throws RemotingException an entry whose size does not fit the body */
    public static List<Entry> read(byte[] bytes) {
        ByteBuffer body = ByteBuffer.wrap(bytes);
        List<Entry> entries = new ArrayList<>();
        while (body.hasRemaining()) {
            int start = body.position();
            int total = body.getInt();
            if (total < MIN_ENTRY || start + total > body.limit()) {
                throw new RemotingException(ResponseCode.MESSAGE_ILLEGAL, "batch record of " + total + " bytes does not fit");
            }
            body.getInt(); // magic: written as 0 by clients
            body.getInt(); // body CRC: 0
            int flag = body.getInt();
            byte[] entryBody = new byte[body.getInt()];
            body.get(entryBody);
            byte[] properties = new byte[body.getShort() & 0xFFFF];
            body.get(properties);
            body.position(start + total);
            entries.add(new Entry(flag, entryBody, properties));
        }
        return entries;
    }
}
