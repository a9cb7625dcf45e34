package io.rocklet.mq.client.remoting;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The remoting frame (reference §1.2): {@code totalLength:4 | serializeType:1 headerLength:3 |
 * header | body}, the length counting everything after itself. Decodes JSON (type 0) and
 * ROCKETMQ binary (type 1) headers; always encodes JSON, which both client lines accept.
 *
 * <pre>
 *  0       4   5           8              8+h
 *  +-------+---+-----------+---------------+----------+
 *  | total | t | header len| header (JSON  | body     |
 *  | len   |   | (24 bits) | or binary)    |          |
 *  +-------+---+-----------+---------------+----------+
 * </pre>
 */
public final class CommandCodec {
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;
    public static final int SERIALIZE_JSON = 0;
    public static final int SERIALIZE_ROCKETMQ = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] LANGUAGES = {"JAVA", "CPP", "DOTNET", "PYTHON", "DELPHI", "ERLANG", "RUBY", "OTHER",
            "HTTP", "GO", "PHP", "OMS", "RUST", "NODE_JS"};

    private CommandCodec() {
    }

    /**
     * Decodes one frame whose 4-byte total length was already read and stripped: {@code frame}
     * holds the rest (position..limit).
     *
     * @throws RemotingException a header that does not fit the frame or does not parse
     */
    public static RemotingCommand decode(ByteBuffer frame) {
        int length = frame.remaining();
        if (length < 4) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "frame of " + length + " bytes has no header length");
        }
        int lengthAndType = frame.getInt();
        int type = (lengthAndType >>> 24) & 0xFF;
        int headerLength = lengthAndType & 0xFFFFFF;
        if (headerLength > frame.remaining()) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR,
                    "header length " + headerLength + " exceeds the frame's " + frame.remaining() + " bytes");
        }
        ByteBuffer header = frame.slice(frame.position(), headerLength);
        RemotingCommand command = switch (type) {
            case SERIALIZE_JSON -> decodeJson(header);
            case SERIALIZE_ROCKETMQ -> decodeBinary(header);
            default -> throw new RemotingException(ResponseCode.SYSTEM_ERROR, "unknown serialize type " + type);
        };
        frame.position(frame.position() + headerLength);
        if (frame.hasRemaining()) {
            command.body = new byte[frame.remaining()];
            frame.get(command.body);
        }
        return command;
    }

    /**
     * Reads the header with Jackson's streaming parser, field by field (no tree): the same values
     * and errors as reading it into a tree. {@code version} and {@code language} default to 0 and
     * {@code JAVA}; a null {@code extFields} value is left out.
     */
    private static RemotingCommand decodeJson(ByteBuffer header) {
        byte[] bytes = new byte[header.remaining()];
        header.get(bytes);
        RemotingCommand c = new RemotingCommand();
        boolean code = false;
        boolean opaque = false;
        boolean flag = false;
        try (JsonParser p = JSON.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RemotingException(ResponseCode.SYSTEM_ERROR, "header is not a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "code" -> {
                        c.code = intOf(p, value, name);
                        code = true;
                    }
                    case "opaque" -> {
                        c.opaque = intOf(p, value, name);
                        opaque = true;
                    }
                    case "flag" -> {
                        c.flag = intOf(p, value, name);
                        flag = true;
                    }
                    case "version" -> c.version = value.isScalarValue() ? p.getValueAsInt(0) : skip(p, 0);
                    case "language" -> c.language = value.isScalarValue() && value != JsonToken.VALUE_NULL
                            ? p.getText() : skip(p, "JAVA");
                    case "remark" -> c.remark = value.isScalarValue() && value != JsonToken.VALUE_NULL
                            ? p.getText() : skip(p, null);
                    case "extFields" -> {
                        c.extFields.clear();
                        if (value == JsonToken.START_OBJECT) {
                            readExtFields(p, c);
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (RemotingException e) {
            throw e;
        } catch (Exception e) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "header is not JSON: " + e.getMessage());
        }
        if (!code || !opaque || !flag) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "header field '" + (!code ? "code" : !opaque ? "opaque" : "flag")
                    + "' is missing or not an int");
        }
        return c;
    }

    private static void readExtFields(JsonParser p, RemotingCommand c) throws java.io.IOException {
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            if (value.isScalarValue()) {
                c.extFields.put(key, p.getText());
            } else {
                p.skipChildren();
                c.extFields.put(key, "");
            }
        }
    }

    private static <T> T skip(JsonParser p, T fallback) throws java.io.IOException {
        p.skipChildren();
        return fallback;
    }

    private static int intOf(JsonParser p, JsonToken value, String field) throws java.io.IOException {
        if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw new RemotingException(ResponseCode.SYSTEM_ERROR, "header field '" + field + "' is missing or not an int");
    }

    private static RemotingCommand decodeBinary(ByteBuffer header) {
        try {
            RemotingCommand c = new RemotingCommand();
            c.code = header.getShort();
            int language = header.get();
            c.language = language >= 0 && language < LANGUAGES.length ? LANGUAGES[language] : "OTHER";
            c.version = header.getShort();
            c.opaque = header.getInt();
            c.flag = header.getInt();
            int remarkLength = header.getInt();
            c.remark = remarkLength > 0 ? utf8(header, remarkLength) : null;
            int extLength = header.getInt();
            int end = header.position() + extLength;
            if (extLength < 0 || end > header.limit()) {
                throw new RemotingException(ResponseCode.SYSTEM_ERROR, "extFields block of " + extLength + " bytes does not fit");
            }
            while (header.position() < end) {
                String key = utf8(header, header.getShort());
                int valueLength = header.getInt();
                String value = valueLength > 0 ? utf8(header, valueLength) : null;
                if (value != null) {
                    c.extFields.put(key, value);
                }
            }
            return c;
        } catch (RuntimeException e) {
            if (e instanceof RemotingException re) {
                throw re;
            }
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "binary header does not parse: " + e);
        }
    }

    private static String utf8(ByteBuffer buf, int length) {
        if (length < 0 || length > buf.remaining()) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "a header string of " + length + " bytes does not fit");
        }
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The JSON header bytes (keys sorted, as fastjson writes them). */
    public static byte[] encodeHeader(RemotingCommand c) {
        ByteBuf buf = Unpooled.buffer(256);
        writeHeader(c, buf);
        byte[] header = new byte[buf.readableBytes()];
        buf.readBytes(header);
        return header;
    }

    /**
     * Writes the JSON header into {@code out}, straight from the command: compact, keys sorted
     * (extFields' too), strings escaped as Jackson escapes them (quote, backslash, and control
     * characters as backslash-b, -t, -n, -f, -r or backslash-u00XX, surrogates as backslash-uXXXX
     * each), everything else as UTF-8. Returns the number of bytes written; the same bytes as the
     * Jackson tree written before, without the tree, the sorted copy of the map and the array copies.
     */
    public static int writeHeader(RemotingCommand c, ByteBuf out) {
        int start = out.writerIndex();
        out.writeByte('{');
        field(out, "code").writeByte(':');
        writeLong(out, c.code);
        if (c.extFields instanceof HeaderFields fields && !fields.isEmpty()) {
            out.writeByte(',');
            field(out, "extFields").writeByte(':').writeByte('{');
            int[] order = fields.sortedOrder();
            for (int i = 0; i < order.length; i++) {
                if (i > 0) {
                    out.writeByte(',');
                }
                writeString(out, fields.keyAt(order[i]));
                out.writeByte(':');
                Object value = fields.valueAt(order[i]);
                if (value == null) {
                    out.writeBytes(NULL);
                } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                    out.writeByte('"');
                    writeLong(out, ((Number) value).longValue());
                    out.writeByte('"');
                } else {
                    writeString(out, value.toString());
                }
            }
            out.writeByte('}');
        } else if (!c.extFields.isEmpty()) {
            out.writeByte(',');
            field(out, "extFields").writeByte(':').writeByte('{');
            String[] keys = c.extFields.keySet().toArray(new String[0]);
            Arrays.sort(keys);
            for (int i = 0; i < keys.length; i++) {
                if (i > 0) {
                    out.writeByte(',');
                }
                writeString(out, keys[i]);
                out.writeByte(':');
                String value = c.extFields.get(keys[i]);
                if (value == null) {
                    out.writeBytes(NULL);
                } else {
                    writeString(out, value);
                }
            }
            out.writeByte('}');
        }
        out.writeByte(',');
        field(out, "flag").writeByte(':');
        writeLong(out, c.flag);
        out.writeByte(',');
        field(out, "language").writeByte(':');
        if (c.language == null) {
            out.writeBytes(NULL);
        } else {
            writeString(out, c.language);
        }
        out.writeByte(',');
        field(out, "opaque").writeByte(':');
        writeLong(out, c.opaque);
        if (c.remark != null) {
            out.writeByte(',');
            field(out, "remark").writeByte(':');
            writeString(out, c.remark);
        }
        out.writeBytes(SERIALIZE_TYPE_JSON);
        field(out, "version").writeByte(':');
        writeLong(out, c.version);
        out.writeByte('}');
        return out.writerIndex() - start;
    }

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERIALIZE_TYPE_JSON = ",\"serializeTypeCurrentRPC\":\"JSON\",".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** A field name of this class's own (ASCII, nothing to escape). */
    private static ByteBuf field(ByteBuf out, String name) {
        out.writeByte('"');
        out.writeCharSequence(name, StandardCharsets.US_ASCII);
        return out.writeByte('"');
    }

    private static void writeLong(ByteBuf out, long value) {
        if (value < 0) {
            out.writeByte('-');
            if (value == Long.MIN_VALUE) {
                out.writeCharSequence("9223372036854775808", StandardCharsets.US_ASCII);
                return;
            }
            value = -value;
        }
        long divisor = 1;
        while (divisor <= value / 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.writeByte((int) ('0' + value / divisor % 10));
        }
    }

    private static void writeString(ByteBuf out, String s) {
        out.writeByte('"');
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char ch = s.charAt(i);
            if (ch >= 0x20 && ch < 0x80) {
                if (ch == '"' || ch == '\\') {
                    out.writeByte('\\');
                }
                out.writeByte(ch);
            } else if (ch < 0x20) {
                out.writeByte('\\');
                switch (ch) {
                    case '\b' -> out.writeByte('b');
                    case '\t' -> out.writeByte('t');
                    case '\n' -> out.writeByte('n');
                    case '\f' -> out.writeByte('f');
                    case '\r' -> out.writeByte('r');
                    default -> out.writeByte('u').writeByte('0').writeByte('0').writeByte(HEX[ch >> 4]).writeByte(HEX[ch & 0xF]);
                }
            } else if (ch < 0x800) {
                out.writeByte(0xC0 | (ch >> 6)).writeByte(0x80 | (ch & 0x3F));
            } else if (Character.isSurrogate(ch)) {
                // As Jackson writes them: each half of a pair as its own escape.
                out.writeByte('\\').writeByte('u').writeByte(HEX[ch >> 12]).writeByte(HEX[(ch >> 8) & 0xF])
                        .writeByte(HEX[(ch >> 4) & 0xF]).writeByte(HEX[ch & 0xF]);
            } else {
                out.writeByte(0xE0 | (ch >> 12)).writeByte(0x80 | ((ch >> 6) & 0x3F)).writeByte(0x80 | (ch & 0x3F));
            }
        }
        out.writeByte('"');
    }

    /** The whole frame, total length included. */
    public static ByteBuffer encode(RemotingCommand c) {
        byte[] header = encodeHeader(c);
        int bodyLength = c.body == null ? 0 : c.body.length;
        ByteBuffer frame = ByteBuffer.allocate(4 + 4 + header.length + bodyLength);
        frame.putInt(4 + header.length + bodyLength);
        frame.putInt((SERIALIZE_JSON << 24) | header.length);
        frame.put(header);
        if (bodyLength > 0) {
            frame.put(c.body);
        }
        return frame.flip();
    }

    /** The shared JSON mapper for bodies (heartbeat, lock batch, route data). */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Parses a JSON body into a tree; the error names what was expected. */
    public static JsonNode parseBody(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, what + " body is missing");
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, what + " body is not JSON: " + e.getMessage());
        }
    }
}
