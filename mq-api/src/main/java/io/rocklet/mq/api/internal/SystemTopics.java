package io.rocklet.mq.api.internal;

/** Names of the topics brokers keep for themselves, as RocketMQ names them. */
public final class SystemTopics {
    public static final String RETRY_PREFIX = "%RETRY%";
    public static final String DLQ_PREFIX = "%DLQ%";
    /** Where delayed messages and retries wait for their time. */
    public static final String SCHEDULE = "SCHEDULE_TOPIC_XXXX";
    public static final String AUTO_CREATE = "TBW102";

    private SystemTopics() {
    }

    public static String retryTopic(String group) {
        return RETRY_PREFIX + group;
    }

    public static String deadLetterTopic(String group) {
        return DLQ_PREFIX + group;
    }

    public static boolean isRetryTopic(String topic) {
        return topic.startsWith(RETRY_PREFIX);
    }

    public static boolean isDeadLetterTopic(String topic) {
        return topic.startsWith(DLQ_PREFIX);
    }
}
