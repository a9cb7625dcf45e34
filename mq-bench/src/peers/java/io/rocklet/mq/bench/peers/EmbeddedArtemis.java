package io.rocklet.mq.bench.peers;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import java.nio.file.Path;

/**
 * An Artemis 2.38.0 server in this JVM with only an in-VM acceptor (no socket at all), persistence
 * (the journal) off, security and JMX off; defaults otherwise. A RocketMQ topic read by one consumer
 * group maps to an address with one anycast queue of the same name.
 */
final class EmbeddedArtemis {
    private final EmbeddedActiveMQ server;
    private final String url;

    private EmbeddedArtemis(EmbeddedActiveMQ server, String url) {
        this.server = server;
        this.url = url;
    }

    static EmbeddedArtemis start(String name, int inVmId, Path dir) throws Exception {
        String url = "vm://" + inVmId;
        Configuration config = new ConfigurationImpl()
                .setName(name)
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                // Not written without persistence, except paging; kept out of the working directory anyway.
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setJournalDirectory(dir.resolve("journal").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dir.toString())
                .addAcceptorConfiguration("in-vm", url);
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        return new EmbeddedArtemis(server, url);
    }

    /** The connector URL clients of this server use. */
    String url() {
        return url;
    }

    void createTopic(String topic) throws Exception {
        server.getActiveMQServer().createQueue(QueueConfiguration.of(topic).setAddress(topic)
                .setRoutingType(RoutingType.ANYCAST).setDurable(false));
    }

    /** Messages routed to the topic's queue since it was created, counted by the server. */
    long storedMessages(String topic) {
        Queue queue = server.getActiveMQServer().locateQueue(topic);
        return queue == null ? 0 : queue.getMessagesAdded();
    }

    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Artemis did not stop", e);
        }
    }
}
