package io.rocklet.mq.client.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties string: {@code name 0x01 value 0x02 name 0x01 value 0x02 …} in UTF-8. Rocklet
 * writes the trailing 0x02 (as RocketMQ 5 does); readers accept it missing (RocketMQ 4.9). Segments
 * with an empty name or value are ignored. Writers encode straight from the strings into the
 * buffer: no intermediate {@code String} or {@code byte[]}.
 */
public final class MessageProperties {
    public static final byte NAME_VALUE_SEPARATOR = 1;
    public static final byte PROPERTY_SEPARATOR = 2;

    private MessageProperties() {
    }

    /** Writes one {@code name 0x01 value 0x02} pair. */
    public static void put(ByteBuffer dst, String name, String value) {
        Utf8.write(dst, name);
        dst.put(NAME_VALUE_SEPARATOR);
        Utf8.write(dst, value);
        dst.put(PROPERTY_SEPARATOR);
    }

    /** Bytes {@link #put} writes for the pair. */
    public static int size(String name, String value) {
        return Utf8.length(name) + Utf8.length(value) + 2;
    }

    /** Parses {@code length} bytes at {@code offset}, keeping the order they appear in. */
    public static Map<String, String> parse(byte[] bytes, int offset, int length) {
        Map<String, String> result = new LinkedHashMap<>();
        int end = offset + length;
        int start = offset;
        while (start < end) {
            int sep = indexOf(bytes, start, end, PROPERTY_SEPARATOR);
            int pairEnd = sep < 0 ? end : sep;
            int eq = indexOf(bytes, start, pairEnd, NAME_VALUE_SEPARATOR);
            if (eq > start && eq + 1 < pairEnd) {
                result.put(new String(bytes, start, eq - start, StandardCharsets.UTF_8),
                        new String(bytes, eq + 1, pairEnd - eq - 1, StandardCharsets.UTF_8));
            }
            start = pairEnd + 1;
        }
        return result;
    }

    /** Encodes a whole map (used off the hot path, e.g. by tests and broker rewrites). */
    public static byte[] encode(Map<String, String> properties) {
        int size = 0;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            size += size(e.getKey(), e.getValue());
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        properties.forEach((name, value) -> put(buf, name, value));
        return buf.array();
    }

    private static int indexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
