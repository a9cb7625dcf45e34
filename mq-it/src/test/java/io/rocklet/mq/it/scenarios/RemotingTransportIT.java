package io.rocklet.mq.it.scenarios;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.scenarios.Scenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What only the remoting transport does: the broker's reset-offset call (220) and name-server failover. */
class RemotingTransportIT {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.builder().name("remoting-it").tcp().build().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void anAdminOffsetResetReachesARemoteConsumerAndItConsumesAgain() {
        broker.admin().createTopic("RemoteReset", 2);
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        try (Clients clients = Clients.connect("rocketmq://" + broker.nameServerAddress(), Scenarios.CLIENT_OPTIONS);
             PushConsumer ignored = clients.pushConsumer().group("remote-resetting").subscribe("RemoteReset", "*")
                     .consumeFromWhere(ConsumeFromWhere.FIRST).listener(m -> {
                         seen.computeIfAbsent(m.bodyAsString(), k -> new AtomicInteger()).incrementAndGet();
                         return ConsumeResult.SUCCESS;
                     }).build()) {
            Producer producer = clients.producer().group("remote-reset-producer").build();
            for (int i = 0; i < 40; i++) {
                producer.send(Message.of("RemoteReset", "r" + i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 40);
            Map<MessageQueue, Long> offsets = broker.admin().resetOffsets("remote-resetting", "RemoteReset", ConsumeFromWhere.FIRST);
            assertThat(offsets.values()).containsOnly(0L);
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.values().stream().allMatch(c -> c.get() >= 2));
        }
    }

    @Test
    void aDeadNameServerInTheListIsPassedOver() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort(); // closed again: nothing listens there
        }
        broker.admin().createTopic("Failover", 2);
        String endpoint = "rocketmq://127.0.0.1:" + deadPort + ";" + broker.nameServerAddress();
        for (int i = 0; i < 4; i++) { // the first name server is picked at random: both orders occur
            try (Clients clients = Clients.connect(endpoint, Scenarios.CLIENT_OPTIONS)) {
                assertThat(clients.producer().group("failover-producer").build().send(Message.of("Failover", "x"))
                        .queue().topic()).isEqualTo("Failover");
            }
        }
    }
}
