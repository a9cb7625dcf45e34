package io.rocklet.mq.it.rocketmq;

import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.common.topic.TopicValidator;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.store.config.MessageStoreConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Apache RocketMQ 5.2.0 name server and {@code N} master brokers in this JVM, bound to
 * 127.0.0.1 on free ports, stores in a fresh directory. Starting takes 0.5-2 s here and a
 * broker's graceful shutdown 11-14 s, so use one per test class ({@link RealRocketMqExtension});
 * {@link #close()} returns once nothing listens any more (~3 s, at most {@link #CLOSE_LIMIT}) and
 * leaves the rest of the shutdown to daemon threads.
 *
 * <p>What an embedded start needs on top of RocketMQ's own test setup: the remoting version
 * property ({@link RocketMqJvm}), re-registering a broker until the name server routes it, and a
 * name server whose own client targets 127.0.0.1 only ({@link LoopbackNamesrvController}).
 * Each broker's HA listener binds the wildcard address (5.2.0 has no option to change that);
 * nothing connects to it without a slave.
 */
public final class RealRocketMq implements AutoCloseable {
    /** The cluster every broker joins. */
    public static final String CLUSTER = "rocklet-it";
    /**
     * Broker {@code messageDelayLevel}: 18 levels. RocketMQ parses s/m/h/d only (no ms), so 1 s is
     * the shortest. Levels 1 and 2 differ so a delay test can tell them apart; the rest are 1 s
     * because a retry goes to level 3 + reconsume count (the default's first retry waits 10 s).
     */
    public static final String MESSAGE_DELAY_LEVEL = "1s 2s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s";
    /** Commit-log file size: 32 MiB instead of 1 GiB (the default took RSS to ~3.8 GiB). */
    public static final int COMMIT_LOG_FILE_SIZE = 32 << 20;
    /** How often the broker checks half (prepared) transaction messages: 1 s instead of 30 s. */
    public static final long TRANSACTION_CHECK_INTERVAL_MILLIS = 1_000;
    /** Age of a half message before it is checked: 1 s instead of 6 s. */
    public static final long TRANSACTION_TIMEOUT_MILLIS = 1_000;
    /** How often the broker writes commit / rollback decisions (RocketMQ: 3 s). */
    public static final int TRANSACTION_OP_BATCH_INTERVAL_MILLIS = 100;
    /** How long {@link #close()} waits for the listeners to close before leaving them to the background. */
    public static final Duration CLOSE_LIMIT = Duration.ofSeconds(5);

    private static final String HOME_PROPERTY = "rocketmq.home.dir";
    private static final Duration ROUTE_LIMIT = Duration.ofSeconds(15);
    private static final Pattern CONNECT_LINE = Pattern.compile("NETTY CLIENT PIPELINE: CONNECT\\s+\\S+ => (\\S+)");
    private static final Pattern ACL_KEY = Pattern.compile("[A-Za-z0-9_.-]{7,}");

    private final Path dir;
    private final LoopbackNamesrvController namesrv;
    private final List<BrokerController> brokers;
    private final List<Thread> closers = new ArrayList<>();
    /** The shutdown of a broker stopped by {@link #shutdownBroker}, by index, until it is restarted. */
    private final java.util.Map<Integer, Thread> stopping = new java.util.HashMap<>();
    private final boolean[] stopped;
    private final String accessKey;
    private final String secretKey;
    private boolean closed;

    private RealRocketMq(Path dir, LoopbackNamesrvController namesrv, List<BrokerController> brokers,
                         String accessKey, String secretKey) {
        this.dir = dir;
        this.namesrv = namesrv;
        this.brokers = new ArrayList<>(brokers);
        this.stopped = new boolean[brokers.size()];
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A name server and {@code brokers} brokers, no ACL. */
    public static RealRocketMq start(int brokers) throws Exception {
        return builder().brokers(brokers).start();
    }

    /** What to start: the number of brokers, and whether they check plain ACL signatures. */
    public static final class Builder {
        private int brokers = 1;
        private String accessKey;
        private String secretKey;

        private Builder() {
        }

        public Builder brokers(int count) {
            if (count < 1 || count > 26) {
                throw new IllegalArgumentException("brokers: 1..26, not " + count);
            }
            this.brokers = count;
            return this;
        }

        /**
         * Every broker checks requests against RocketMQ's plain ACL with one admin account. RocketMQ
         * 5.2.0 rejects keys of 6 characters or fewer; here they are also limited to [A-Za-z0-9_.-].
         */
        public Builder acl(String accessKey, String secretKey) {
            for (String key : new String[] {accessKey, secretKey}) {
                if (key == null || !ACL_KEY.matcher(key).matches()) {
                    throw new IllegalArgumentException("ACL keys: 7 or more of [A-Za-z0-9_.-], not " + key);
                }
            }
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            return this;
        }

        public RealRocketMq start() throws Exception {
            Path dir = RocketMqJvm.newInstanceDirectory();
            long begin = System.nanoTime();
            LoopbackNamesrvController namesrv = startNamesrv(dir);
            List<BrokerController> started = new ArrayList<>();
            try {
                for (int i = 0; i < brokers; i++) {
                    started.add(startBroker(nameOfBroker(i), dir, namesrv.address(), accessKey, secretKey));
                }
                RealRocketMq complete = new RealRocketMq(dir, namesrv, List.copyOf(started), accessKey, secretKey);
                complete.awaitRoute(TopicValidator.RMQ_SYS_SELF_TEST_TOPIC, 0);
                System.out.printf("rocketmq: name server %s and %d broker(s) started in %d ms (%s)%n",
                        complete.nameServerAddress(), brokers, millisSince(begin), dir);
                return complete;
            } catch (Exception | Error e) {
                new RealRocketMq(dir, namesrv, List.copyOf(started), accessKey, secretKey).close();
                throw e;
            }
        }
    }

    private static String nameOfBroker(int index) {
        return "broker-" + (char) ('a' + index);
    }

    private static LoopbackNamesrvController startNamesrv(Path dir) throws Exception {
        NamesrvConfig config = new NamesrvConfig();
        config.setKvConfigPath(dir.resolve("namesrv/kvConfig.json").toString());
        config.setConfigStorePath(dir.resolve("namesrv/namesrv.properties").toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setBindAddress("127.0.0.1");
        server.setListenPort(FreePorts.loopback());
        LoopbackNamesrvController namesrv = new LoopbackNamesrvController(config, server);
        if (!namesrv.initialize()) {
            throw new IllegalStateException("RocketMQ name server did not initialize");
        }
        namesrv.start();
        return namesrv;
    }

    private static BrokerController startBroker(String name, Path dir, String namesrvAddress,
                                                String accessKey, String secretKey) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        BrokerConfig config = new BrokerConfig();
        config.setBrokerClusterName(CLUSTER);
        config.setBrokerName(name);
        config.setBrokerIP1("127.0.0.1");
        config.setBrokerIP2("127.0.0.1");
        config.setNamesrvAddr(namesrvAddress);
        config.setRocketmqHome(home.toString());
        config.setAutoCreateTopicEnable(true);
        // With 2 cores the default 200 ms bound on a request's wait in the send queue answers
        // "[TIMEOUT_CLEAN_QUEUE] broker busy" under parallel load and drops one-way sends; off in
        // tests (RocketMQ still rejects when its send queue is full).
        config.setBrokerFastFailureEnable(false);
        config.setTransactionCheckInterval(TRANSACTION_CHECK_INTERVAL_MILLIS);
        config.setTransactionTimeOut(TRANSACTION_TIMEOUT_MILLIS);
        // decisions are written in batches (default every 3 s): with a 1 s check the broker would ask
        // about messages already decided
        config.setTransactionOpBatchInterval(TRANSACTION_OP_BATCH_INTERVAL_MILLIS);
        if (accessKey != null) {
            writeAclFile(home, accessKey, secretKey);
            config.setAclEnable(true);
        }
        MessageStoreConfig store = new MessageStoreConfig();
        store.setStorePathRootDir(home.resolve("store").toString());
        store.setStorePathCommitLog(home.resolve("store/commitlog").toString());
        store.setMappedFileSizeCommitLog(COMMIT_LOG_FILE_SIZE);
        store.setMessageDelayLevel(MESSAGE_DELAY_LEVEL);
        store.setHaListenPort(FreePorts.wildcard());
        NettyServerConfig server = new NettyServerConfig();
        server.setBindAddress("127.0.0.1");
        server.setListenPort(FreePorts.loopbackWithPortMinusTwo());
        BrokerController broker = new BrokerController(config, server, new NettyClientConfig(), store);
        // The ACL file is found through a JVM-wide property, read while the broker initializes.
        String previousHome = System.getProperty(HOME_PROPERTY);
        System.setProperty(HOME_PROPERTY, home.toString());
        try {
            if (!broker.initialize()) {
                throw new IllegalStateException("RocketMQ broker " + name + " did not initialize");
            }
        } finally {
            if (previousHome == null) {
                System.clearProperty(HOME_PROPERTY);
            } else {
                System.setProperty(HOME_PROPERTY, previousHome);
            }
        }
        broker.start();
        return broker;
    }

    /**
     * RocketMQ 5.2.0's PlainPermissionManager (built in the broker's initialize) reads
     * {@code ${rocketmq.home.dir}/} + system property {@code rocketmq.acl.plain.file} (default
     * {@code conf/plain_acl.yml}) and every *.yml under {@code ${rocketmq.home.dir}/conf/acl}.
     * {@code rocketmq.home.dir} is JVM-wide, so it points at this broker's home while the broker
     * initializes. No white-listed addresses: a listed address would skip the signature check.
     */
    private static void writeAclFile(Path home, String accessKey, String secretKey) throws IOException {
        Path file = home.resolve(System.getProperty("rocketmq.acl.plain.file", "conf/plain_acl.yml"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "globalWhiteRemoteAddresses: []",
                "accounts:",
                "  - accessKey: " + accessKey,
                "    secretKey: " + secretKey,
                "    whiteRemoteAddress:",
                "    admin: true",
                ""), StandardCharsets.UTF_8);
    }

    /** "127.0.0.1:port", for the clients' {@code namesrvAddr}. */
    public String nameServerAddress() {
        return namesrv.address();
    }

    public int brokerCount() {
        return brokers.size();
    }

    /** "broker-a", "broker-b", ... */
    public String brokerName(int index) {
        return brokers.get(index).getBrokerConfig().getBrokerName();
    }

    /** "127.0.0.1:port" of broker {@code index}. */
    public String brokerAddress(int index) {
        return brokers.get(index).getBrokerAddr();
    }

    /** The broker itself, for what this class does not offer (its store, its topic configs). */
    public BrokerController broker(int index) {
        return brokers.get(index);
    }

    public NamesrvController nameServer() {
        return namesrv;
    }

    /** The ACL access key, or null when the brokers do not check ACL. */
    public String accessKey() {
        return accessKey;
    }

    /** The ACL secret key, or null when the brokers do not check ACL. */
    public String secretKey() {
        return secretKey;
    }

    /** This instance's directory: name server config, each broker's store and ACL file. */
    public Path directory() {
        return dir;
    }

    /**
     * Creates (or updates) {@code topic} with {@code queues} read and write queues on every running
     * broker (auto-creation would give it 4) and waits until the name server routes all of them.
     */
    public synchronized void createTopic(String topic, int queues) {
        for (int i = 0; i < brokers.size(); i++) {
            if (!stopped[i]) {
                brokers.get(i).getTopicConfigManager().updateTopicConfig(new TopicConfig(topic, queues, queues));
            }
        }
        awaitRoute(topic, queues);
    }

    /** The name server's route for {@code topic} (read in-process), or null. */
    public TopicRouteData route(String topic) {
        return namesrv.getRouteInfoManager().pickupTopicRouteData(topic);
    }

    /**
     * Shuts broker {@code index} down for a failover test: returns once the name server no longer
     * routes it (the broker unregisters first thing) and its ports are closed (~2 s); the rest of
     * its shutdown goes on in the background.
     */
    public synchronized void shutdownBroker(int index) {
        if (stopped[index]) {
            return;
        }
        stopped[index] = true;
        BrokerController broker = brokers.get(index);
        Thread closer = BoundedClose.start(broker.getBrokerConfig().getBrokerName(), broker::shutdown);
        closers.add(closer);
        stopping.put(index, closer);
        String name = broker.getBrokerConfig().getBrokerName();
        await(() -> !namesrv.getRouteInfoManager().getAllClusterInfo().getBrokerAddrTable().containsKey(name),
                "the name server still lists " + name);
        int port = broker.getNettyServerConfig().getListenPort();
        await(() -> FreePorts.isLoopbackFree(port) && FreePorts.isLoopbackFree(port - 2), name + " still listens");
    }

    /**
     * Starts broker {@code index} again on its store after {@link #shutdownBroker}: waits for the old
     * one's shutdown to finish (it flushes and releases the store), then starts a new one with the
     * same name and store on new ports, and returns once the name server routes it again.
     */
    public synchronized void restartBroker(int index) throws Exception {
        Thread closer = stopping.remove(index);
        if (closer == null) {
            throw new IllegalStateException(brokerName(index) + " was not shut down");
        }
        if (!BoundedClose.await(closer, System.nanoTime() + Duration.ofSeconds(60).toNanos())) {
            throw new IllegalStateException(brokerName(index) + " did not finish shutting down within 60 s");
        }
        brokers.set(index, startBroker(brokerName(index), dir, namesrv.address(), accessKey, secretKey));
        stopped[index] = false;
        awaitRoute(TopicValidator.RMQ_SYS_SELF_TEST_TOPIC, 0);
    }

    /**
     * Waits until the name server routes {@code topic} to every running broker (with
     * {@code queues} write queues, or any number when 0), registering a broker again every 100 ms
     * while it is missing: 5.2.0 registers only with name servers its client already counts as
     * available, a list it fills asynchronously, so a registration can be skipped.
     */
    private void awaitRoute(String topic, int queues) {
        long deadline = System.nanoTime() + ROUTE_LIMIT.toNanos();
        while (true) {
            List<BrokerController> missing = new ArrayList<>();
            TopicRouteData route = route(topic);
            for (int i = 0; i < brokers.size(); i++) {
                if (!stopped[i] && !routes(route, brokerName(i), queues)) {
                    missing.add(brokers.get(i));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("RocketMQ name server has no route for " + topic + ": " + route);
            }
            for (BrokerController broker : missing) {
                broker.registerBrokerAll(true, false, true);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static boolean routes(TopicRouteData route, String brokerName, int queues) {
        if (route == null || route.getQueueDatas() == null) {
            return false;
        }
        for (QueueData queue : route.getQueueDatas()) {
            if (queue.getBrokerName().equals(brokerName) && (queues == 0 || queue.getWriteQueueNums() == queues)) {
                return true;
            }
        }
        return false;
    }

    private static void await(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + ROUTE_LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /**
     * Remote addresses RocketMQ's remoting clients in this JVM (name server, brokers, official
     * clients) connected to so far: every connect is logged ("NETTY CLIENT PIPELINE: CONNECT")
     * to RocketMQ's log file by rmq.logback-test.xml.
     */
    public static List<String> connectedAddresses() {
        Path log = RocketMqJvm.logFile();
        if (!Files.isRegularFile(log)) {
            throw new IllegalStateException("no RocketMQ log at " + log + " (is rmq.logback-test.xml on the classpath?)");
        }
        List<String> addresses = new ArrayList<>();
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                Matcher matcher = CONNECT_LINE.matcher(line);
                if (matcher.find()) {
                    addresses.add(matcher.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return addresses;
    }

    /**
     * Fails unless everything points at 127.0.0.1 only: the name server's own remoting client, each
     * running broker's name-server list, every broker address the name server knows, and every
     * connection a RocketMQ remoting client in this JVM has made (there must be some).
     */
    public void assertLoopbackOnly() {
        List<String> problems = new ArrayList<>();
        List<String> own = namesrv.getRemotingClient().getNameServerAddressList();
        if (!List.of(nameServerAddress()).equals(own)) {
            problems.add("name server's remoting client targets " + own);
        }
        for (int i = 0; i < brokers.size(); i++) {
            if (!stopped[i]) {
                List<String> list = brokers.get(i).getBrokerOuterAPI().getNameServerAddressList();
                if (!List.of(nameServerAddress()).equals(list)) {
                    problems.add(brokerName(i) + " registers with " + list);
                }
            }
        }
        Map<String, BrokerData> known = namesrv.getRouteInfoManager().getAllClusterInfo().getBrokerAddrTable();
        for (BrokerData broker : known.values()) {
            for (String address : broker.getBrokerAddrs().values()) {
                if (!isLoopback(address)) {
                    problems.add(broker.getBrokerName() + " is routed at " + address);
                }
            }
        }
        List<String> connected = connectedAddresses();
        if (connected.isEmpty()) {
            problems.add("no connection in RocketMQ's log: the check would see none");
        }
        connected.stream().filter(address -> !isLoopback(address)).distinct()
                .forEach(address -> problems.add("connected to " + address));
        if (!problems.isEmpty()) {
            throw new AssertionError("RocketMQ reached beyond 127.0.0.1: " + problems);
        }
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.0.0.1:");
    }

    /**
     * Shuts the brokers down (in parallel) and then the name server, on daemon threads, and waits
     * until none of them listens any more: at most {@link #CLOSE_LIMIT}. A broker's full shutdown
     * takes 11-14 s here (its store alone sleeps 3 s); that rest goes on in the background. The
     * directory is deleted once everything stopped, or when the JVM exits.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long begin = System.nanoTime();
        List<Integer> ports = new ArrayList<>(List.of(namesrv.getRemotingServer().localListenPort()));
        for (int i = 0; i < brokers.size(); i++) {
            int port = brokers.get(i).getNettyServerConfig().getListenPort();
            ports.addAll(List.of(port, port - 2));
            if (!stopped[i]) {
                stopped[i] = true;
                closers.add(BoundedClose.start(brokerName(i), brokers.get(i)::shutdown));
            }
        }
        // Brokers unregister from the name server first thing while they stop: it goes after that.
        closers.add(BoundedClose.start("namesrv", () -> awaitQuietly(
                () -> namesrv.getRouteInfoManager().getAllClusterInfo().getBrokerAddrTable().isEmpty(),
                begin + CLOSE_LIMIT.toNanos()), namesrv::shutdown));
        List<Thread> all = List.copyOf(closers);
        BoundedClose.start("cleanup", () -> {
            for (Thread closer : all) {
                BoundedClose.await(closer, System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
            }
            if (all.stream().noneMatch(Thread::isAlive)) {
                RocketMqJvm.deleteQuietly(dir);
            }
        });
        boolean released = awaitQuietly(() -> ports.stream().allMatch(FreePorts::isLoopbackFree),
                begin + CLOSE_LIMIT.toNanos());
        System.out.printf("rocketmq: %s %s after %d ms; the rest of the shutdown goes on in the background%n",
                nameServerAddress(), released ? "stopped listening" : "still listening", millisSince(begin));
    }

    private static boolean awaitQuietly(BooleanSupplier condition, long deadlineNanos) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return true;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
