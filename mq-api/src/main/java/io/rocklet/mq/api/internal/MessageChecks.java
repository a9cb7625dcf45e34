package io.rocklet.mq.api.internal;

import io.rocklet.mq.api.InvalidMessageException;

/**
 * The checks on message values, written as plain char loops (no regex) because the producer runs
 * some of them on its hot path. Each throws {@link InvalidMessageException} naming the value.
 */
public final class MessageChecks {
    public static final int MAX_TOPIC_LENGTH = 127;
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int MAX_PROPERTIES_BYTES = Short.MAX_VALUE;
    private static final char NAME_SEPARATOR = 1;
    private static final char PROPERTY_SEPARATOR = 2;

    private MessageChecks() {
    }

    /** Topic names: {@code [%|a-zA-Z0-9_-]{1,127}}. */
    public static String topic(String topic) {
        return name("topic", topic, MAX_TOPIC_LENGTH);
    }

    /** Topics a producer may not send to: retry, dead-letter and broker system topics. */
    public static boolean isSystemTopic(String topic) {
        return SystemTopics.isRetryTopic(topic) || SystemTopics.isDeadLetterTopic(topic) || topic.startsWith("rmq_sys_")
                || topic.startsWith("RMQ_SYS_") || topic.equals(SystemTopics.AUTO_CREATE) || topic.equals(SystemTopics.SCHEDULE)
                || topic.equals("TRANS_CHECK_MAX_TIME_TOPIC") || topic.equals("OFFSET_MOVED_EVENT")
                || topic.equals("SELF_TEST_TOPIC");
    }

    /** Group names: the topic alphabet, at most 120 chars. */
    public static String group(String group) {
        return name("group", group, 120);
    }

    private static String name(String what, String name, int maxLength) {
        if (name == null || name.isEmpty()) {
            throw new InvalidMessageException(what + " is empty: " + quote(name));
        }
        if (name.length() > maxLength) {
            throw new InvalidMessageException(what + " is longer than " + maxLength + " chars: " + quote(name));
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '%' || c == '|';
            if (!ok) {
                throw new InvalidMessageException(what + " has an illegal character '" + c + "': " + quote(name));
            }
        }
        return name;
    }

    /** A tag is one non-blank token without {@code ||} (the subscription operator). */
    public static String tag(String tag) {
        if (tag == null || tag.isBlank()) {
            throw new InvalidMessageException("tag is blank: " + quote(tag));
        }
        if (tag.contains("||")) {
            throw new InvalidMessageException("tag contains '||': " + quote(tag));
        }
        noSeparators("tag", tag);
        return tag;
    }

    /** A key is one non-blank token without spaces (the KEYS separator). */
    public static String key(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidMessageException("key is blank: " + quote(key));
        }
        if (key.indexOf(PropertyNames.KEY_SEPARATOR) >= 0) {
            throw new InvalidMessageException("key contains a space: " + quote(key));
        }
        noSeparators("key", key);
        return key;
    }

    public static void property(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new InvalidMessageException("property name is empty: " + quote(name));
        }
        if (PropertyNames.isReserved(name)) {
            throw new InvalidMessageException("property name is reserved: " + quote(name));
        }
        noSeparators("property name", name);
        if (value == null || value.isEmpty()) {
            throw new InvalidMessageException("property " + quote(name) + " has an empty value");
        }
        noSeparators("property value", value);
    }

    public static byte[] body(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidMessageException("body is empty");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new InvalidMessageException("body is " + body.length + " bytes, more than " + MAX_BODY_BYTES);
        }
        return body;
    }

    private static void noSeparators(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == NAME_SEPARATOR || c == PROPERTY_SEPARATOR) {
                throw new InvalidMessageException(what + " contains control character U+000" + (int) c + ": " + quote(value));
            }
        }
    }

    private static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
