package io.rocklet.mq.scenarios;

import io.rocklet.mq.api.ClientOptions;
import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.PushConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Base of every scenario group: the backend, fresh clients per scenario, unique topic and group
 * names (backends are shared by a test class), and push consumers with short intervals.
 */
public abstract class Scenarios {
    /** Network settings the scenarios use: short route polls so a changed route is seen within a second. */
    public static final ClientOptions CLIENT_OPTIONS = ClientOptions.defaults()
            .routePollInterval(Duration.ofSeconds(1))
            .longPollTimeout(Duration.ofSeconds(5));
    private static final AtomicInteger NEXT = new AtomicInteger();

    protected Clients clients;
    private final List<AutoCloseable> more = new ArrayList<>();

    /** The backend of the enclosing test class. */
    protected abstract Backend backend();

    @BeforeEach
    void connect() {
        clients = backend().connect();
    }

    @AfterEach
    void disconnect() throws Exception {
        for (AutoCloseable c : more) {
            c.close();
        }
        clients.close();
    }

    /** More clients on the same backend (a second application), closed after the scenario. */
    protected Clients otherClients() {
        Clients other = backend().connect();
        more.add(other);
        return other;
    }

    /** A topic or group name unique to this scenario. */
    protected String name(String what) {
        return what + "-" + backend().kind().name().toLowerCase() + "-" + NEXT.incrementAndGet();
    }

    /** A new topic with {@code queues} queues, routed before this returns. */
    protected String topic(String what, int queues) {
        String topic = name(what);
        backend().createTopic(topic, queues);
        return topic;
    }

    /**
     * A push consumer builder with scenario-friendly intervals, starting a new group at the first
     * offset: Apache RocketMQ answers "no offset" for an empty queue, so a new group reading from
     * the last offset would miss what is sent while it starts.
     */
    protected PushConsumerBuilder pushConsumer(Clients on, String group, String topic, String tags) {
        return on.pushConsumer().group(group).subscribe(topic, tags).consumeFromWhere(ConsumeFromWhere.FIRST)
                .rebalanceInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(1))
                .autoCommitInterval(Duration.ofMillis(200));
    }

    /** Waits until {@code received} holds at least {@code count} messages. */
    protected static void awaitCount(List<MessageView> received, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= count);
    }

    /** Body strings of the messages. */
    protected static List<String> bodies(List<MessageView> messages) {
        List<String> bodies = new ArrayList<>();
        synchronized (messages) {
            for (MessageView m : messages) {
                bodies.add(m.bodyAsString());
            }
        }
        return bodies;
    }
}
