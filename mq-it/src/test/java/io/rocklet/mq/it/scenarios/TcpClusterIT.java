package io.rocklet.mq.it.scenarios;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.broker.EmbeddedNameServer;
import io.rocklet.mq.scenarios.Backend;
import io.rocklet.mq.scenarios.ClusterScenarios;
import io.rocklet.mq.scenarios.Scenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two embedded brokers with TCP under one name server, reached through both their endpoints
 * ({@code rocketmq://a;b}: each endpoint also answers for the shared name server).
 */
class TcpClusterIT extends ClusterScenarios {
    private static EmbeddedNameServer nameServer;
    private static EmbeddedBroker first;
    private static EmbeddedBroker second;
    private static String endpoint;
    private static Path secondStore;
    private static int secondPort;

    @BeforeAll
    static void start() throws IOException {
        nameServer = EmbeddedNameServer.start("cluster-ns-" + System.nanoTime());
        secondStore = Files.createTempDirectory("rocklet-cluster-b");
        first = EmbeddedBroker.builder().name("cluster-a").nameServer(nameServer).tcp().build().start();
        second = startSecond(0);
        String address = second.nameServerAddress();
        secondPort = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        endpoint = "rocketmq://" + first.nameServerAddress() + ";" + second.nameServerAddress();
    }

    /** The second broker keeps its store on disk, so it can stop and come back with what it held. */
    private static EmbeddedBroker startSecond(int port) {
        return EmbeddedBroker.builder().name("cluster-b").nameServer(nameServer).tcpPort(port).dataDirectory(secondStore)
                .build().start();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        nameServer.close();
        try (var files = Files.walk(secondStore)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory: left for the OS
        }
    }

    @Override
    protected Backend backend() {
        return new Backend() {
            @Override
            public Kind kind() {
                return Kind.TCP;
            }

            @Override
            public Clients connect() {
                return Clients.connect(endpoint, Scenarios.CLIENT_OPTIONS.requestTimeout(Duration.ofSeconds(1)));
            }

            @Override
            public void createTopic(String topic, int queues) {
                first.admin().createTopic(topic, queues);
                second.admin().createTopic(topic, queues);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    protected void stopSecondBroker() {
        second.close();
    }

    @Override
    protected void restartSecondBroker() {
        second = startSecond(secondPort);
    }

    @Override
    protected String secondBrokerName() {
        return "cluster-b";
    }
}
