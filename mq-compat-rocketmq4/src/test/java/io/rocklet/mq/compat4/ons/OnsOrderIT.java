package io.rocklet.mq.compat4.ons;

import com.aliyun.openservices.ons.api.Message;
import com.aliyun.openservices.ons.api.order.OrderAction;
import com.aliyun.openservices.ons.api.order.OrderConsumer;
import com.aliyun.openservices.ons.api.order.OrderProducer;
import io.rocklet.mq.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ONS {@link OrderProducer} / {@link OrderConsumer}: the producer picks the queue by sharding key,
 * the order consumer holds the broker's lock of each queue, and every key's messages are
 * consumed in send order.
 */
class OnsOrderIT {
    private static final String TOPIC = "OnsOrders";
    private static final int KEYS = 6;
    private static final int STEPS = 15;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp().build().start();
        broker.admin().createTopic(TOPIC, 4);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** What one listener call saw: the message's sharding key and step. */
    private record Consumed(String key, int step) {
    }

    @Test
    void eachShardingKeyIsConsumedInSendOrder() throws Exception {
        try (OnsClients clients = new OnsClients(broker)) {
            OrderProducer producer = clients.orderProducer("GID_ons_order_producer");
            for (int step = 0; step < STEPS; step++) {
                for (int k = 0; k < KEYS; k++) {
                    String key = "order-" + k;
                    Message message = new Message(TOPIC, "TagA", key + ":" + step, (key + " step " + step).getBytes(StandardCharsets.UTF_8));
                    assertThat(producer.send(message, key).getMessageId()).hasSize(32);
                }
            }
            List<Consumed> log = new CopyOnWriteArrayList<>();
            OrderConsumer consumer = clients.orderConsumer("GID_ons_order_consumer");
            consumer.subscribe(TOPIC, "*", (message, context) -> {
                assertThat(message.getShardingKey()).isEqualTo(message.getKey().substring(0, message.getKey().indexOf(':')));
                log.add(new Consumed(message.getShardingKey(), Integer.parseInt(message.getKey().substring(message.getKey().indexOf(':') + 1))));
                return OrderAction.Success;
            });
            consumer.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> log.size() >= KEYS * STEPS);
            Map<String, List<Integer>> byKey = log.stream().collect(Collectors.groupingBy(Consumed::key,
                    Collectors.mapping(Consumed::step, Collectors.toList())));
            List<Integer> inOrder = IntStream.range(0, STEPS).boxed().toList();
            assertThat(byKey).hasSize(KEYS);
            byKey.forEach((key, steps) -> assertThat(steps).as(key).isEqualTo(inOrder));
        }
    }
}
