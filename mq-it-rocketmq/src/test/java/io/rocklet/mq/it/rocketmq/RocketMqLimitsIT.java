package io.rocklet.mq.it.rocketmq;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.InvalidMessageException;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.scenarios.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What Apache RocketMQ refuses that the embedded broker takes: a delivery time beyond the broker's
 * timer maximum (RocketMQ 5: {@code timerMaxDelaySec}, 3 days; the embedded broker: 40 days).
 */
class RocketMqLimitsIT {
    @RegisterExtension
    static final RealRocketMqExtension rocketmq = RealRocketMqExtension.brokers(1);

    @Test
    void aDelayBeyondTheBrokersMaximumFailsWithTheBrokersReason(RealRocketMq mq) {
        mq.createTopic("limits-delay", 2);
        try (Clients clients = Clients.connect("rocketmq://" + mq.nameServerAddress(), Scenarios.CLIENT_OPTIONS)) {
            Producer producer = clients.producer().group("limits-producer").build();
            assertThatThrownBy(() -> producer.send(Message.builder("limits-delay").delay(Duration.ofDays(10)).body("late").build()))
                    .isInstanceOf(InvalidMessageException.class)
                    .hasMessageContaining("code 13");
        }
    }
}
