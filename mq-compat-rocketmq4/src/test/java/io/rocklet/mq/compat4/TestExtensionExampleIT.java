package io.rocklet.mq.compat4;

import io.rocklet.mq.testkit.NameServer;
import io.rocklet.mq.testkit.RockletBroker;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an application tests its RocketMQ code against Rocklet: one annotation starts a broker with
 * a TCP endpoint for the class, publishes its address as {@code rocketmq.name-server} (what
 * rocketmq-spring reads) and injects it.
 */
@RockletBroker(tcp = true, nameServerProperty = "rocketmq.name-server")
class TestExtensionExampleIT {
    @Test
    void theApplicationsOwnProducerSendsToTheEmbeddedBroker(NameServer nameServer) throws Exception {
        assertThat(System.getProperty("rocketmq.name-server")).isEqualTo(nameServer.address());
        DefaultMQProducer producer = new DefaultMQProducer("order-service");
        producer.setNamesrvAddr(nameServer.address());
        producer.start();
        try {
            SendResult result = producer.send(new Message("Orders", "created", "order-42".getBytes(StandardCharsets.UTF_8)));
            assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        } finally {
            producer.shutdown();
        }
    }
}
