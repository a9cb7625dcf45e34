package io.rocklet.mq.scenarios;

import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Messages of one sharding key are consumed in order, also while a second member joins the group (queue locks). */
public abstract class OrderScenarios extends Scenarios {
    private static final int KEYS = 8;
    private static final int PER_KEY = 40;

    @Test
    void perKeyOrderHoldsWhileAMemberJoins() {
        String topic = topic("Ordered", 4);
        String group = name("cg");
        List<MessageView> received = Collections.synchronizedList(new ArrayList<>());
        PushConsumer first = orderly(clients, group, topic, received);
        Producer producer = clients.producer().group(name("pg")).build();
        for (int i = 0; i < PER_KEY; i++) {
            for (int k = 0; k < KEYS; k++) {
                producer.send(Message.builder(topic).shardingKey("key-" + k).body("key-" + k + ":" + i).build());
            }
            if (i == PER_KEY / 2) {
                orderly(otherClients(), group, topic, received);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> new HashSet<>(bodies(received)).size() == KEYS * PER_KEY);
        first.close();
        // Each message is first seen only after its predecessor of the same key (redelivery may repeat a tail).
        Map<String, Integer> highest = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String body : bodies(received)) {
            String key = body.substring(0, body.indexOf(':'));
            int sequence = Integer.parseInt(body.substring(body.indexOf(':') + 1));
            if (seen.add(body)) {
                assertThat(sequence).as("first sight of %s", body).isEqualTo(highest.getOrDefault(key, -1) + 1);
                highest.put(key, sequence);
            }
        }
    }

    private PushConsumer orderly(io.rocklet.mq.api.Clients on, String group, String topic, List<MessageView> into) {
        return pushConsumer(on, group, topic, "*").consumeOrderly(true).listener(m -> {
            into.add(m);
            return ConsumeResult.SUCCESS;
        }).build();
    }
}
