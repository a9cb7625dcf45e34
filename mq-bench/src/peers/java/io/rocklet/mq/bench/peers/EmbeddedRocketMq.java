package io.rocklet.mq.bench.peers;

import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.common.topic.TopicValidator;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.store.config.MessageStoreConfig;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A RocketMQ 5.2.0 name server and one master broker in this JVM, bound to 127.0.0.1 (except the
 * broker's HA listener, which 5.2.0 binds to the wildcard address; nothing connects to it without a
 * slave). Started the way RocketMQ's own integration tests start them, plus what an embedded start
 * needs on this machine: see {@link RocketMqSystem} and {@link LoopbackNamesrvController}.
 */
final class EmbeddedRocketMq implements RemotingServer {
    private static final long ROUTE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final NamesrvController namesrv;
    private final BrokerController broker;
    private final String namesrvAddress;

    private EmbeddedRocketMq(NamesrvController namesrv, BrokerController broker, String namesrvAddress) {
        this.namesrv = namesrv;
        this.broker = broker;
        this.namesrvAddress = namesrvAddress;
    }

    static EmbeddedRocketMq start(String name, Path dir) throws Exception {
        NamesrvController namesrv = startNamesrv(dir);
        String namesrvAddress = "127.0.0.1:" + namesrv.getNettyServerConfig().getListenPort();
        BrokerController broker = startBroker(name, dir, namesrvAddress);
        EmbeddedRocketMq server = new EmbeddedRocketMq(namesrv, broker, namesrvAddress);
        server.awaitRoute(TopicValidator.RMQ_SYS_SELF_TEST_TOPIC);
        return server;
    }

    private static NamesrvController startNamesrv(Path dir) throws Exception {
        NamesrvConfig config = new NamesrvConfig();
        config.setKvConfigPath(dir.resolve("namesrv/kvConfig.json").toString());
        config.setConfigStorePath(dir.resolve("namesrv/namesrv.properties").toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setBindAddress("127.0.0.1");
        server.setListenPort(FreePorts.loopback());
        NamesrvController namesrv = new LoopbackNamesrvController(config, server);
        if (!namesrv.initialize()) {
            throw new IllegalStateException("RocketMQ name server did not initialize");
        }
        namesrv.start();
        return namesrv;
    }

    private static BrokerController startBroker(String name, Path dir, String namesrvAddress) throws Exception {
        BrokerConfig config = new BrokerConfig();
        config.setBrokerName(name);
        config.setBrokerClusterName(name);
        config.setBrokerIP1("127.0.0.1");
        config.setBrokerIP2("127.0.0.1");
        config.setNamesrvAddr(namesrvAddress);
        // With 2 cores the default 200 ms bound on a request's wait in the send queue answers
        // "[TIMEOUT_CLEAN_QUEUE] broker busy" under parallel load and drops one-way sends; a test
        // JVM runs with it off (RocketMQ still rejects when its send queue is full).
        config.setBrokerFastFailureEnable(false);
        MessageStoreConfig store = new MessageStoreConfig();
        store.setStorePathRootDir(dir.resolve("store").toString());
        store.setStorePathCommitLog(dir.resolve("store/commitlog").toString());
        // 64 MiB commit-log files instead of 1 GiB: the default took RSS to ~3.8 GiB here.
        store.setMappedFileSizeCommitLog(64 << 20);
        store.setHaListenPort(FreePorts.wildcard());
        NettyServerConfig server = new NettyServerConfig();
        server.setBindAddress("127.0.0.1");
        server.setListenPort(FreePorts.loopbackWithPortMinusTwo());
        BrokerController broker = new BrokerController(config, server, new NettyClientConfig(), store);
        if (!broker.initialize()) {
            throw new IllegalStateException("RocketMQ broker did not initialize");
        }
        broker.start();
        return broker;
    }

    @Override
    public String namesrvAddress() {
        return namesrvAddress;
    }

    /** Auto-creation would give the topic 4 queues: created with {@link #QUEUES_PER_TOPIC} instead. */
    @Override
    public void createTopic(String topic) {
        broker.getTopicConfigManager().createTopicIfAbsent(new TopicConfig(topic, QUEUES_PER_TOPIC, QUEUES_PER_TOPIC), true);
        awaitRoute(topic);
    }

    /** Messages in the topic's consume queues. */
    @Override
    public long storedMessages(String topic) {
        long total = 0;
        for (int queue = 0; queue < QUEUES_PER_TOPIC; queue++) {
            total += broker.getMessageStore().getMaxOffsetInQueue(topic, queue);
        }
        return total;
    }

    /**
     * Waits until the name server routes {@code topic}, registering the broker again every 100 ms:
     * 5.2.0 registers only with name servers its client already counts as available, a list it
     * fills asynchronously, so the first registration after start can be skipped.
     */
    private void awaitRoute(String topic) {
        long deadline = System.nanoTime() + ROUTE_LIMIT_NANOS;
        while (!routed(topic)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("RocketMQ name server has no route for " + topic);
            }
            broker.registerBrokerAll(true, false, true);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private boolean routed(String topic) {
        TopicRouteData route = namesrv.getRouteInfoManager().pickupTopicRouteData(topic);
        return route != null && route.getQueueDatas() != null && !route.getQueueDatas().isEmpty();
    }

    @Override
    public void shutdown() {
        broker.shutdown();
        namesrv.shutdown();
    }
}
