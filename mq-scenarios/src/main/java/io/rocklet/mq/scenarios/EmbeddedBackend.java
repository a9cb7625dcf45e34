package io.rocklet.mq.scenarios;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.time.Duration;

/** The embedded broker, reached in-process or through its TCP endpoint with the remoting transport. */
public final class EmbeddedBackend implements Backend {
    private final Kind kind;
    private final EmbeddedBroker broker;

    private EmbeddedBackend(Kind kind) {
        this.kind = kind;
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder()
                .name("scenarios-" + kind.name().toLowerCase() + "-" + System.nanoTime())
                .retrySchedule(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300))
                .transactionCheckImmunity(Duration.ofMillis(200))
                .transactionCheckInterval(Duration.ofMillis(200));
        this.broker = (kind == Kind.TCP ? builder.tcp() : builder).build().start();
    }

    public static EmbeddedBackend inproc() {
        return new EmbeddedBackend(Kind.INPROC);
    }

    public static EmbeddedBackend tcp() {
        return new EmbeddedBackend(Kind.TCP);
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public Clients connect() {
        if (kind == Kind.INPROC) {
            return Clients.connect(broker.endpoint());
        }
        return Clients.connect("rocketmq://" + broker.nameServerAddress(), Scenarios.CLIENT_OPTIONS);
    }

    @Override
    public void createTopic(String topic, int queues) {
        broker.admin().createTopic(topic, queues);
    }

    @Override
    public void close() {
        broker.close();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " " + broker;
    }
}
