package io.rocklet.mq.client.remoting;

import java.util.HashMap;
import java.util.Map;

/**
 * One frame of Apache RocketMQ's remoting protocol: a request or a response (reference §1.3).
 * {@code extFields} values are always strings on the wire. Mutable while being built; not
 * thread-safe.
 */
public final class RemotingCommand {
    public static final int FLAG_RESPONSE = 1;
    public static final int FLAG_ONEWAY = 2;
    /** The version this side reports: RocketMQ 5.3.3's ordinal, so clients treat us as a current broker. */
    public static final int VERSION = 479;
    /** RocketMQ's version ordinal of 5.0.0: the first release with a timer, and a changed last-retry count. */
    public static final int VERSION_5_0_0 = 413;

    public int code;
    public String language = "JAVA";
    public int version = VERSION;
    public int opaque;
    public int flag;
    public String remark;
    public Map<String, String> extFields;
    public byte[] body;

    public RemotingCommand() {
        this(new HashMap<>());
    }

    private RemotingCommand(Map<String, String> extFields) {
        this.extFields = extFields;
    }

    public static RemotingCommand request(int code, int opaque) {
        RemotingCommand c = new RemotingCommand();
        c.code = code;
        c.opaque = opaque;
        return c;
    }

    /**
     * A request whose header fields are kept in a {@link HeaderFields} (for the send path: no map
     * node and no string per field; numbers are written straight into the frame).
     */
    static RemotingCommand compactRequest(int code) {
        RemotingCommand c = new RemotingCommand(new HeaderFields());
        c.code = code;
        return c;
    }

    /** A response to {@code request}: same opaque, response flag set. */
    public static RemotingCommand responseTo(RemotingCommand request, int code, String remark) {
        RemotingCommand c = new RemotingCommand();
        c.code = code;
        c.opaque = request.opaque;
        c.flag = FLAG_RESPONSE;
        c.remark = remark;
        return c;
    }

    public boolean isResponse() {
        return (flag & FLAG_RESPONSE) != 0;
    }

    public boolean isOneway() {
        return (flag & FLAG_ONEWAY) != 0;
    }

    public RemotingCommand put(String key, Object value) {
        if (value != null) {
            if (extFields instanceof HeaderFields fields) {
                fields.putValue(key, value);
            } else {
                extFields.put(key, value.toString());
            }
        }
        return this;
    }

    /** A header field, or null. */
    public String field(String key) {
        return extFields.get(key);
    }

    /**
     * A required numeric header field.
     *
     * @throws RemotingException missing or not a number
     */
    public long longField(String key) {
        String value = extFields.get(key);
        if (value == null) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "header field '" + key + "' is missing");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "header field '" + key + "' is not a number: " + value);
        }
    }

    public int intField(String key) {
        return (int) longField(key);
    }

    /** A numeric header field, or {@code fallback} when absent. */
    public long longField(String key, long fallback) {
        return extFields.containsKey(key) ? longField(key) : fallback;
    }

    /** A required string header field. */
    public String stringField(String key) {
        String value = extFields.get(key);
        if (value == null) {
            throw new RemotingException(ResponseCode.SYSTEM_ERROR, "header field '" + key + "' is missing");
        }
        return value;
    }

    @Override
    public String toString() {
        return "RemotingCommand{code=" + code + ", opaque=" + opaque + ", flag=" + flag + ", remark=" + remark
                + ", extFields=" + extFields + ", body=" + (body == null ? 0 : body.length) + "}";
    }
}
