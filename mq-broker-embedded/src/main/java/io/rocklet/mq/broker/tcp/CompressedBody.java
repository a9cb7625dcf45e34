package io.rocklet.mq.broker.tcp;

import io.rocklet.mq.api.internal.MessageChecks;
import io.rocklet.mq.client.codec.MessageRecord;
import io.rocklet.mq.client.remoting.RemotingException;
import io.rocklet.mq.client.remoting.ResponseCode;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A body the official producer compressed (sysFlag bit 0 with compression type zlib — its default
 * for bodies over 4 KiB, reference §6.2) is inflated here and stored plain, so that Rocklet's
 * consumers, admin and dead-letter views read the bytes the producer wrote. Official consumers
 * then receive it uncompressed, which they take as any uncompressed message. LZ4 and ZSTD (opt-in
 * in the client; inflating them needs libraries the broker does not carry) are stored as sent.
 */
final class CompressedBody {
    private static final int CHUNK = 64 << 10;

    private CompressedBody() {
    }

    static boolean isZlib(int sysFlag) {
        int type = sysFlag & MessageRecord.COMPRESSION_TYPE_MASK;
        // Type 0 with the compressed bit: clients before the type bits existed always used zlib.
        return (sysFlag & MessageRecord.FLAG_COMPRESSED) != 0 && (type == 0 || type == MessageRecord.COMPRESSION_ZLIB);
    }

    /** The sysFlag of the inflated body: neither compressed nor a compression type. */
    static int plainSysFlag(int sysFlag) {
        return sysFlag & ~(MessageRecord.FLAG_COMPRESSED | MessageRecord.COMPRESSION_TYPE_MASK);
    }

    /**
     * Inflates a zlib stream, at most to Rocklet's body limit.
     *
     * @throws RemotingException MESSAGE_ILLEGAL when it is no zlib stream or inflates beyond the limit
     */
    static byte[] inflate(byte[] compressed, String topic) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MessageChecks.MAX_BODY_BYTES, compressed.length * 4));
            byte[] chunk = new byte[CHUNK];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw illegal(topic, "its zlib stream is truncated");
                }
                if (out.size() + n > MessageChecks.MAX_BODY_BYTES) {
                    throw illegal(topic, "it inflates to more than " + MessageChecks.MAX_BODY_BYTES + " bytes");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw illegal(topic, "it is not a zlib stream (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private static RemotingException illegal(String topic, String why) {
        return new RemotingException(ResponseCode.MESSAGE_ILLEGAL, "compressed body of a message to " + topic + " rejected: " + why);
    }
}
