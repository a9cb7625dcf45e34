package io.rocklet.mq.client.protocol;

/**
 * RocketMQ's CONSUMER_SEND_MSG_BACK: a consumer of {@code group} failed the message stored at
 * {@code physicalOffset}. {@code delayLevel}: 0 = the broker's retry schedule decides, -1 = straight
 * to the dead-letter queue, k > 0 = delay level k. The broker sends it to the dead-letter queue
 * once its reconsume count reaches {@code maxReconsumeTimes}.
 */
public record SendBackRequest(String group, long physicalOffset, int delayLevel, String originMessageId,
                              String originTopic, int maxReconsumeTimes) {
    public static final int DELAY_BY_SCHEDULE = 0;
    public static final int DELAY_DEAD_LETTER = -1;
}
