package io.rocklet.mq.client.remoting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

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

    private static RemotingCommand decodeJson(ByteBuffer header) {
        byte[] bytes = new byte[header.remaining()];
        header.get(bytes);
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (Exception e) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "header is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "header is not a JSON object");
        }
        RemotingCommand c = new RemotingCommand();
        c.code = intOf(node, "code");
        c.opaque = intOf(node, "opaque");
        c.flag = intOf(node, "flag");
        c.version = node.path("version").asInt(0);
        c.language = node.path("language").asText("JAVA");
        JsonNode remark = node.get("remark");
        c.remark = remark == null || remark.isNull() ? null : remark.asText();
        JsonNode ext = node.get("extFields");
        if (ext != null && ext.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = ext.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getValue().isNull()) {
                    c.extFields.put(f.getKey(), f.getValue().asText());
                }
            }
        }
        return c;
    }

    private static int intOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "header field '" + field + "' is missing or not an int");
        }
        return value.asInt();
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
        ObjectNode node = JSON.createObjectNode();
        node.put("code", c.code);
        if (!c.extFields.isEmpty()) {
            ObjectNode ext = node.putObject("extFields");
            new TreeMap<>(c.extFields).forEach(ext::put);
        }
        node.put("flag", c.flag);
        node.put("language", c.language);
        node.put("opaque", c.opaque);
        if (c.remark != null) {
            node.put("remark", c.remark);
        }
        node.put("serializeTypeCurrentRPC", "JSON");
        node.put("version", c.version);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: a tree of strings and ints", e);
        }
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
