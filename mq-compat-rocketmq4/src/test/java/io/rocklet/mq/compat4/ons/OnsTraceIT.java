package io.rocklet.mq.compat4.ons;

import com.aliyun.openservices.ons.api.Consumer;
import com.aliyun.openservices.ons.api.Message;
import com.aliyun.openservices.ons.api.Producer;
import io.rocklet.mq.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SDK's message trace, on by default: each producer and consumer gets a trace hook and the
 * JVM one inner trace producer (group {@code <AccessKey>_INNER_TRACE_PRODUCER}, instance
 * {@code <pid>_CLIENT_INNER_TRACE_PRODUCER}) that connects and heartbeats like any producer. The
 * hooks only record a send or a consume when the broker names a region other than
 * {@code DefaultRegion} with tracing on ({@code MSG_REGION} / {@code TRACE_ON} in the send
 * response and on the message), which the endpoint, like an Apache broker, does not: nothing is
 * sent to the trace topic {@code rmq_sys_TRACE_DATA_<region>}. Trace on and off behave the same.
 */
class OnsTraceIT {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp().build().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void traceOnAndOffDeliverAlikeAndNothingGoesToATraceTopic() throws Exception {
        OnsClients traced = new OnsClients(broker);
        try (traced; OnsClients untraced = traced.withoutTrace()) {
            roundTrip(traced, "OnsTraced");
            roundTrip(untraced, "OnsUntraced");
            assertThat(broker.admin().topics()).contains("OnsTraced", "OnsUntraced")
                    .noneMatch(topic -> topic.startsWith("rmq_sys_"));
        }
        assertThat(broker.admin().topics()).noneMatch(topic -> topic.startsWith("rmq_sys_"));
    }

    private static void roundTrip(OnsClients clients, String topic) {
        Producer producer = clients.producer("GID_" + topic + "_producer");
        for (int i = 0; i < 5; i++) {
            producer.send(new Message(topic, "TagA", "k" + i, ("traced " + i).getBytes(StandardCharsets.UTF_8)));
        }
        OnsInbox inbox = new OnsInbox();
        Consumer consumer = clients.consumer("GID_" + topic + "_consumer");
        consumer.subscribe(topic, "*", inbox);
        consumer.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox.keys().size() == 5);
        assertThat(inbox.all()).allSatisfy(m -> assertThat(m.getTopic()).isEqualTo(topic));
    }
}
