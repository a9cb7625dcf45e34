package io.rocklet.mq.it;

import io.rocklet.mq.api.ClientClosedException;
import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.InvalidMessageException;
import io.rocklet.mq.api.InvalidSubscriptionException;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.TopicNotFoundException;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RockletExtension.class)
class BadInputIT {
    private Clients clients;
    private Producer producer;

    @BeforeEach
    void setUp(EmbeddedBroker broker) {
        clients = broker.clients();
        producer = clients.producer().group("bad-input").build();
    }

    @AfterEach
    void brokerStillWorks() {
        assertThat(producer.send(Message.of("StillWorks", "ok")).queueOffset()).isGreaterThanOrEqualTo(0);
        clients.close();
    }

    @Test
    void invalidTopicNamesAreRejectedWithTheName() {
        assertThatThrownBy(() -> Message.of("bad topic", "x")).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("'bad topic'");
        String tooLong = "T".repeat(128);
        assertThatThrownBy(() -> Message.of(tooLong, "x")).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(tooLong);
        assertThatThrownBy(() -> Message.of("", "x")).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void systemTopicsCannotBeSentTo() {
        assertThatThrownBy(() -> producer.send(Message.of("%DLQ%group", "x")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("%DLQ%group");
    }

    @Test
    void emptyAndOversizeBodiesAreRejected() {
        assertThatThrownBy(() -> Message.of("Body", new byte[0])).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Message.of("Body", new byte[4 * 1024 * 1024 + 1]))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("4194305");
        Producer small = clients.producer().maxMessageBytes(1024).build();
        assertThatThrownBy(() -> small.send(Message.of("Body", new byte[2000])))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("1024");
    }

    @Test
    void reservedPropertyNamesAndBadTagsAndKeysAreRejected() {
        assertThatThrownBy(() -> Message.builder("Props").property("UNIQ_KEY", "x"))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("UNIQ_KEY");
        assertThatThrownBy(() -> Message.builder("Props").property("__RMQ.TRANSIENT.x", "x"))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("__RMQ.TRANSIENT.x");
        assertThatThrownBy(() -> Message.builder("Props").tag("A||B"))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("A||B");
        assertThatThrownBy(() -> Message.builder("Props").keys("a b"))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("a b");
        assertThatThrownBy(() -> Message.builder("Props").property("p", "bad\u0001value"))
                .isInstanceOf(InvalidMessageException.class);
        assertThatThrownBy(() -> producer.send(Message.builder("Props").property("big", "v".repeat(40_000)).body("x").build()))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("32767");
    }

    @Test
    void consumerConfigurationErrorsAreTyped() {
        assertThatThrownBy(() -> clients.pushConsumer().group("g").subscribe("T", "*").listener(null))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("listener");
        assertThatThrownBy(() -> clients.pushConsumer().group("g").subscribe("T", "*").build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("listener");
        assertThatThrownBy(() -> clients.pushConsumer().group("g").subscribe("T", "TagA ||"))
                .isInstanceOf(InvalidSubscriptionException.class).hasMessageContaining("TagA ||");
        assertThatThrownBy(() -> clients.pushConsumer().group("g").listener(m -> ConsumeResult.SUCCESS).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("subscription");
    }

    @Test
    void useAfterCloseIsTyped() {
        Producer closed = clients.producer().build();
        closed.close();
        closed.close(); // idempotent
        assertThatThrownBy(() -> closed.send(Message.of("Closed", "x"))).isInstanceOf(ClientClosedException.class);
    }

    @Test
    void unknownTopicWithoutAutoCreateIsTopicNotFound(EmbeddedBroker broker) {
        try (EmbeddedBroker strict = EmbeddedBroker.builder().name(broker.name() + "-strict").autoCreateTopics(false).build().start();
             Clients strictClients = strict.clients()) {
            Producer p = strictClients.producer().build();
            assertThatThrownBy(() -> p.send(Message.of("Nowhere", "x"))).isInstanceOf(TopicNotFoundException.class)
                    .hasMessageContaining("Nowhere");
            strict.admin().createTopic("Somewhere", 2);
            assertThat(p.send(Message.of("Somewhere", "x")).queue().queueId()).isBetween(0, 1);
        }
    }

    @Test
    void listenerExceptionsDoNotKillTheConsumer() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        clients.pushConsumer().group("throwing").subscribe("Throwing", "*")
                .listener(m -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("boom");
                    }
                    return ConsumeResult.SUCCESS;
                }).build();
        producer.send(Message.of("Throwing", "x"));
        producer.send(Message.of("Throwing", "y"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> calls.get() >= 3);
    }
}
