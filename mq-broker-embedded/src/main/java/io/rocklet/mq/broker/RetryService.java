package io.rocklet.mq.broker;

import io.rocklet.mq.api.internal.PropertyNames;
import io.rocklet.mq.api.internal.SystemTopics;
import io.rocklet.mq.broker.store.CommitLog;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.codec.RecordReader;
import io.rocklet.mq.client.codec.RecordRewriter;
import io.rocklet.mq.client.protocol.SendBackRequest;
import io.rocklet.mq.client.protocol.SendResponse;
import io.rocklet.mq.client.protocol.SendStatus;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Failed messages sent back by consumers: a copy goes to {@code %RETRY%<group>} after the group's
 * next retry delay (through the {@link TimerService}), or to {@code %DLQ%<group>} once the message
 * was consumed {@code maxReconsumeTimes} times again. The copy keeps the body, keys, tag, unique
 * id and born time; it records the original topic ({@code RETRY_TOPIC}) and id
 * ({@code ORIGIN_MESSAGE_ID}), and counts one more reconsume.
 */
final class RetryService {
    /** RocketMQ's delay levels 1..18, for explicit levels in a send-back. */
    static final List<Duration> DELAY_LEVELS = List.of(
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(4),
            Duration.ofMinutes(5), Duration.ofMinutes(6), Duration.ofMinutes(7), Duration.ofMinutes(8),
            Duration.ofMinutes(9), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2));
    /** RocketMQ's retry schedule: delay levels 3..18, indexed by the reconsume count. */
    static final List<Duration> DEFAULT_SCHEDULE = DELAY_LEVELS.subList(2, DELAY_LEVELS.size());

    private final BrokerConfig config;
    private final CommitLog commitLog;
    private final BrokerService broker;
    private final TimerService timer;

    RetryService(BrokerConfig config, CommitLog commitLog, BrokerService broker, TimerService timer) {
        this.config = config;
        this.commitLog = commitLog;
        this.broker = broker;
        this.timer = timer;
    }

    SendResponse sendBack(SendBackRequest request) {
        ByteBuffer record = commitLog.copyRecord(request.physicalOffset());
        if (record == null) {
            return failed("no message is stored at physical offset " + request.physicalOffset());
        }
        Map<String, String> properties = RecordRewriter.properties(record, 0);
        int times = RecordRewriter.reconsumeTimes(record, 0);
        String storedTopic = RecordReader.topic(record, 0);
        String originTopic = properties.getOrDefault(PropertyNames.RETRY_TOPIC,
                request.originTopic() != null ? request.originTopic() : storedTopic);
        String originId = request.originMessageId() != null ? request.originMessageId()
                : properties.get(PropertyNames.UNIQ_KEY);
        properties.putIfAbsent(PropertyNames.RETRY_TOPIC, originTopic);
        if (originId != null) {
            properties.putIfAbsent(PropertyNames.ORIGIN_MESSAGE_ID, originId);
        }
        long tagHash = RecordEncoder.tagHash(properties.get(PropertyNames.TAGS));
        long now = System.currentTimeMillis();
        if (times >= request.maxReconsumeTimes() || request.delayLevel() == SendBackRequest.DELAY_DEAD_LETTER) {
            properties.put(PropertyNames.DLQ_ORIGIN_TOPIC, originTopic);
            if (originId != null) {
                properties.put(PropertyNames.DLQ_ORIGIN_MESSAGE_ID, originId);
            }
            String dlq = SystemTopics.deadLetterTopic(request.group());
            ByteBuffer copy = RecordRewriter.rewrite(record, 0, dlq, 0, times + 1, properties, now, broker.storeHost());
            SendResponse response = broker.appendOwn(dlq, 0, copy, tagHash);
            if (response.status == SendStatus.OK) {
                BrokerLog.LOG.info("message {} of group {} went to {} after {} reconsumes", originId, request.group(), dlq, times);
            }
            return response;
        }
        Duration delay = delay(request, times);
        long dueMs = now + delay.toMillis();
        properties.put(PropertyNames.REAL_TOPIC, SystemTopics.retryTopic(request.group()));
        properties.put(PropertyNames.REAL_QID, "0");
        properties.put(PropertyNames.TIMER_DELIVER_MS, Long.toString(dueMs));
        ByteBuffer parked = RecordRewriter.rewrite(record, 0, SystemTopics.SCHEDULE, 0, times + 1, properties, now,
                broker.storeHost());
        return timer.schedule(parked, tagHash, dueMs);
    }

    private Duration delay(SendBackRequest request, int times) {
        int level = request.delayLevel();
        if (level > 0) {
            return DELAY_LEVELS.get(Math.min(level, DELAY_LEVELS.size()) - 1);
        }
        List<Duration> schedule = config.retrySchedule(request.group());
        return schedule.get(Math.min(times, schedule.size() - 1));
    }

    private static SendResponse failed(String remark) {
        SendResponse response = new SendResponse();
        response.clear();
        response.status = SendStatus.MESSAGE_ILLEGAL;
        response.remark = remark;
        return response;
    }
}
