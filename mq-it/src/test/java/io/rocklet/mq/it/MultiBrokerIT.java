package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.broker.EmbeddedNameServer;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MultiBrokerIT {

    @Test
    void queuesSpreadOverBrokersAndProducersKeepSendingWhenOneCloses() throws Exception {
        try (EmbeddedNameServer nameServer = EmbeddedNameServer.start("multi-ns");
             EmbeddedBroker a = EmbeddedBroker.builder().name("multi-a").nameServer(nameServer).build().start();
             EmbeddedBroker b = EmbeddedBroker.builder().name("multi-b").nameServer(nameServer).build().start();
             Clients clients = Clients.connect(nameServer.endpoint())) {
            a.admin().createTopic("Spread", 4);
            b.admin().createTopic("Spread", 4);
            Set<String> seen = ConcurrentHashMap.newKeySet();
            clients.pushConsumer().group("spread").subscribe("Spread", "*").listener(m -> {
                seen.add(m.bodyAsString());
                return ConsumeResult.SUCCESS;
            }).build();
            Producer producer = clients.producer().build();
            Set<String> brokersUsed = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                SendResult r = producer.send(Message.of("Spread", "m" + i));
                brokersUsed.add(r.queue().brokerName());
            }
            assertThat(brokersUsed).containsExactlyInAnyOrder("multi-a", "multi-b");
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 100);

            b.close();
            for (int i = 100; i < 200; i++) {
                assertThat(producer.send(Message.of("Spread", "m" + i)).queue().brokerName()).isEqualTo("multi-a");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 200);
        }
        RockletExtension.assertNothingLeaked("MultiBrokerIT");
    }

    @Test
    void aBrokerThatStopsHeartbeatingExpiresFromTheNameServer() throws Exception {
        try (EmbeddedNameServer nameServer = EmbeddedNameServer.start("expiry-ns", Duration.ofMillis(200))) {
            nameServer.register("ghost", "127.0.0.1:65000", java.util.Map.of("Ghost",
                    io.rocklet.mq.broker.TopicConfig.of("Ghost", 2)));
            assertThat(nameServer.route("Ghost")).isNotNull();
            await().atMost(Duration.ofSeconds(20)).until(() -> nameServer.route("Ghost") == null);
        }
        RockletExtension.assertNothingLeaked("MultiBrokerIT");
    }
}
