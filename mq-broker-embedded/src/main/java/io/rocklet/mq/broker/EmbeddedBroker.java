package io.rocklet.mq.broker;

import io.rocklet.mq.api.Admin;
import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.internal.MessageChecks;
import io.rocklet.mq.broker.store.CommitLog;
import io.rocklet.mq.broker.store.MemoryBudget;
import io.rocklet.mq.client.DefaultClients;
import io.rocklet.mq.client.codec.MessageIds;
import io.rocklet.mq.client.inproc.InprocRegistry;
import io.rocklet.mq.client.inproc.InprocTransport;
import io.rocklet.mq.client.internal.NamedThreadFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broker inside this JVM: an in-memory store of topics split into queues, consumer groups with
 * their offsets, and long polling. It joins the name server given to its builder, or starts a
 * private one under its own name, so clients reach it with {@code inproc://<name>} or
 * {@link #clients()}. Thread-safe.
 *
 * <p>Threads: one {@code rocklet-broker-<name>-1} for name-server heartbeats and client expiry
 * (plus the private name server's). Appends and reads run on the callers' threads. No broker
 * thread runs user code. {@link #close()} is idempotent and bounded.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** In-process store hosts are 127.0.0.1 with a JVM-unique small "port" no TCP server binds. */
    private static final AtomicInteger NEXT_INPROC_PORT = new AtomicInteger(1);
    private static final AtomicInteger NEXT_NAME = new AtomicInteger(1);

    private final BrokerConfig config;
    private final EmbeddedNameServer nameServer;
    private final boolean ownsNameServer;
    private final String address;
    private final MemoryBudget budget;
    private final CommitLog commitLog;
    private final TopicTable topics;
    private final ConsumerGroups groups = new ConsumerGroups();
    private final BrokerService service;
    private final BrokerAdmin admin;
    private final Duration backlogLogInterval;
    private ScheduledExecutorService housekeeping;
    private volatile boolean started;
    private volatile boolean closed;

    private final io.rocklet.mq.broker.tcp.TcpEndpoint tcp;
    /** The data directory (file medium), or null for the memory store. */
    private final DurableStore durable;

    private EmbeddedBroker(Builder b) {
        this.config = new BrokerConfig(b.name, b.defaultQueues, b.autoCreateTopics, b.storeBudgetBytes,
                b.segmentBytes, b.maxRecordBytes, b.nameServerHeartbeat, b.clientExpiry, b.offlineGroupRetention,
                b.retrySchedule, Map.copyOf(b.groupRetrySchedules), b.transactionCheckImmunity,
                b.transactionCheckInterval, b.transactionCheckMax, b.queueLockTtl);
        this.backlogLogInterval = b.backlogLogInterval;
        // First, so a directory in use fails before anything else starts.
        this.durable = b.dataDirectory == null ? null : DurableStore.open(b.dataDirectory);
        this.ownsNameServer = b.nameServer == null;
        this.nameServer = ownsNameServer ? EmbeddedNameServer.start(b.name) : b.nameServer;
        int port;
        int ipv4 = 0x7F000001;
        if (b.tcpPort >= 0) {
            // Bound before anything is stored: the store host is this address (DESIGN §2).
            this.tcp = io.rocklet.mq.broker.tcp.TcpEndpoint.bind(b.tcpHost, b.tcpPort, b.name);
            port = tcp.port();
            ipv4 = ipv4Of(b.tcpHost);
            this.address = b.tcpHost + ":" + port;
        } else {
            this.tcp = null;
            port = NEXT_INPROC_PORT.getAndIncrement();
            this.address = "127.0.0.1:" + port;
        }
        this.budget = new MemoryBudget(b.storeBudgetBytes);
        this.commitLog = durable == null ? new CommitLog(b.segmentBytes, budget) : new CommitLog(b.segmentBytes, durable.medium());
        this.topics = new TopicTable(budget, t -> topicsChanged());
        ConsumerOffsets offsets = new ConsumerOffsets();
        this.service = new BrokerService(config, MessageIds.host(ipv4, port), commitLog, topics, offsets, groups);
        this.admin = new BrokerAdmin(config.name(), topics, offsets, commitLog, service);
        if (durable != null) {
            durable.recover(commitLog, topics, offsets, config.defaultQueues());
            service.restoreFromLog();
            FlushService flush = durable.flushService(config.name(), commitLog, b.flushPolicy, b.flushInterval.toMillis(), offsets);
            long retentionMs = b.retention.toMillis();
            double highWater = b.diskHighWaterMark;
            java.nio.file.Path dir = b.dataDirectory;
            flush.onEachSecond(() -> service.applyRetention(retentionMs, highWater, dir));
            service.useFlush(flush);
            durable.state().saveTopics(topics.configs());
        }
    }

    private void topicsChanged() {
        registerWithNameServer();
        if (durable != null) {
            durable.state().saveTopics(topics.configs());
        }
    }

    private static int ipv4Of(String host) {
        try {
            byte[] ip = java.net.InetAddress.getByName(host).getAddress();
            return ip.length == 4 ? MessageIds.ipv4(ip) : 0x7F000001;
        } catch (java.net.UnknownHostException e) {
            throw new InvalidConfigurationException("cannot resolve TCP bind address " + host);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Registers with the name server and starts housekeeping. Returns this broker. */
    public synchronized EmbeddedBroker start() {
        if (closed) {
            throw new io.rocklet.mq.api.ClientClosedException("broker " + config.name());
        }
        if (started) {
            return this;
        }
        InprocRegistry.registerBroker(address, service);
        service.start();
        if (tcp != null) {
            BrokerTcpBackend.TCP_ADDRESSES.add(address);
            tcp.serve(new BrokerTcpBackend(service, topics, nameServer));
        }
        if (config.autoCreateTopics()) {
            topics.createOrUpdate(TopicConfig.of(EmbeddedNameServer.AUTO_CREATE_TOPIC, config.defaultQueues()));
        }
        started = true;
        registerWithNameServer();
        housekeeping = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("broker-" + config.name()));
        long heartbeatMs = config.nameServerHeartbeat().toMillis();
        housekeeping.scheduleWithFixedDelay(this::registerWithNameServer, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
        long expiryMs = config.clientExpiry().toMillis();
        long scanMs = Math.max(1, expiryMs / 4);
        housekeeping.scheduleWithFixedDelay(() -> {
            groups.expire(System.nanoTime(), expiryMs * 1_000_000L);
            service.producers().expire(System.nanoTime(), expiryMs * 1_000_000L);
        }, scanMs, scanMs, TimeUnit.MILLISECONDS);
        housekeeping.scheduleAtFixedRate(service::tickRates, 1, 1, TimeUnit.SECONDS);
        if (backlogLogInterval != null) {
            long logMs = backlogLogInterval.toMillis();
            housekeeping.scheduleAtFixedRate(this::logBacklog, logMs, logMs, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    public String name() {
        return config.name();
    }

    /** The endpoint clients use to reach this broker's name server: {@code inproc://<name>}. */
    public String endpoint() {
        return nameServer.endpoint();
    }

    /**
     * The {@code host:port} an official RocketMQ client or rocketmq-spring takes as its name-server
     * address ({@code setNamesrvAddr}, {@code rocketmq.name-server}); the broker serves on the same
     * port.
     *
     * @throws IllegalStateException the broker was built without {@link Builder#tcp()}
     */
    public String nameServerAddress() {
        if (tcp == null) {
            throw new IllegalStateException("broker " + config.name() + " has no TCP endpoint: build it with tcp()");
        }
        return address;
    }

    /** The address this broker's routes carry. */
    public String address() {
        return address;
    }

    public EmbeddedNameServer nameServer() {
        return nameServer;
    }

    /** A new {@link Clients} bound to this broker's name server. The caller closes it. */
    public Clients clients() {
        return new DefaultClients(new InprocTransport(endpoint(), nameServer));
    }

    public Admin admin() {
        return admin;
    }

    private void logBacklog() {
        try {
            BrokerLog.LOG.info("backlog of broker {}:\n{}", config.name(), admin.backlog().toTable());
        } catch (RuntimeException e) {
            BrokerLog.LOG.warn("backlog report failed", e);
        }
    }

    /** Pulls that asked for messages already released to make room (each logged at WARN). */
    public long offsetMovedCount() {
        return service.offsetMovedCount();
    }

    private void registerWithNameServer() {
        if (started && !closed) {
            Map<String, TopicConfig> configs = new TreeMap<>(topics.configs());
            nameServer.register(config.name(), address, configs);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        nameServer.unregister(config.name());
        InprocRegistry.unregisterBroker(address, service);
        if (tcp != null) {
            BrokerTcpBackend.TCP_ADDRESSES.remove(address);
            tcp.close();
        }
        service.close();
        if (housekeeping != null) {
            housekeeping.shutdownNow();
            try {
                housekeeping.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        topics.close();
        commitLog.close();
        if (durable != null) {
            durable.close();
        }
        if (ownsNameServer) {
            nameServer.close();
        }
    }

    /** Configures an {@link EmbeddedBroker}. Not thread-safe. */
    public static final class Builder {
        private String name = "rocklet-" + NEXT_NAME.getAndIncrement();
        private EmbeddedNameServer nameServer;
        private int defaultQueues = 8;
        private boolean autoCreateTopics = true;
        private long storeBudgetBytes = MemoryBudget.defaultLimit();
        private int segmentBytes = 8 << 20;
        private int maxRecordBytes = MessageChecks.MAX_BODY_BYTES + (64 << 10);
        private Duration nameServerHeartbeat = Duration.ofSeconds(30);
        private Duration clientExpiry = Duration.ofSeconds(120);
        private Duration offlineGroupRetention = Duration.ofSeconds(60);
        private List<Duration> retrySchedule = RetryService.DEFAULT_SCHEDULE;
        private final Map<String, List<Duration>> groupRetrySchedules = new java.util.HashMap<>();
        private Duration backlogLogInterval;
        private Duration transactionCheckImmunity = Duration.ofSeconds(6);
        private Duration transactionCheckInterval = Duration.ofSeconds(30);
        private int transactionCheckMax = 15;
        private Duration queueLockTtl = Duration.ofSeconds(60);
        private java.nio.file.Path dataDirectory;
        private io.rocklet.mq.api.FlushPolicy flushPolicy = io.rocklet.mq.api.FlushPolicy.ASYNC;
        private Duration flushInterval = Duration.ofMillis(200);
        private boolean segmentBytesSet;
        private Duration retention = Duration.ofHours(72);
        private double diskHighWaterMark = 1.0;
        private int tcpPort = -1;
        private String tcpHost = "127.0.0.1";

        private Builder() {
        }

        /** The broker name; also the private name server's name ({@code inproc://<name>}). */
        public Builder name(String name) {
            this.name = MessageChecks.group(name);
            return this;
        }

        /** Joins this name server instead of starting a private one. */
        public Builder nameServer(EmbeddedNameServer nameServer) {
            this.nameServer = nameServer;
            return this;
        }

        /** Queues of a topic created on first send (default 8). */
        public Builder defaultQueues(int queues) {
            this.defaultQueues = positive("defaultQueues", queues);
            return this;
        }

        /** Whether a send to an unknown topic creates it (default true). */
        public Builder autoCreateTopics(boolean autoCreate) {
            this.autoCreateTopics = autoCreate;
            return this;
        }

        /** Bytes the store may hold: segments and consume queues (default min(128 MiB, heap / 2)). */
        public Builder storeBudgetBytes(long bytes) {
            if (bytes <= 0) {
                throw new InvalidConfigurationException("storeBudgetBytes must be positive: " + bytes);
            }
            this.storeBudgetBytes = bytes;
            return this;
        }

        /** CommitLog segment size (default 8 MiB); at least the largest record. */
        public Builder segmentBytes(int bytes) {
            this.segmentBytes = positive("segmentBytes", bytes);
            this.segmentBytesSet = true;
            return this;
        }

        /** How often the broker re-registers with its name server (default 30 s). */
        public Builder nameServerHeartbeat(Duration interval) {
            this.nameServerHeartbeat = interval;
            return this;
        }

        /** How long a client that stopped heartbeating stays a group member (default 120 s). */
        public Builder clientExpiry(Duration expiry) {
            this.clientExpiry = expiry;
            return this;
        }

        /**
         * How long a consumer group with no live member keeps its unconsumed messages from being
         * released when the store needs room (default 60 s). After that its messages may go; when
         * it returns it continues at the oldest message left (a logged, counted OFFSET_MOVED).
         */
        public Builder offlineGroupRetention(Duration retention) {
            if (retention.isNegative()) {
                throw new InvalidConfigurationException("offlineGroupRetention must not be negative: " + retention);
            }
            this.offlineGroupRetention = retention;
            return this;
        }

        /**
         * The delays before a failed message is delivered again, by reconsume count (the last
         * repeats). Default RocketMQ's: 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h.
         */
        public Builder retrySchedule(Duration... delays) {
            this.retrySchedule = schedule(delays);
            return this;
        }

        /** The retry delays of one consumer group, instead of {@link #retrySchedule(Duration...)}'s. */
        public Builder retrySchedule(String group, Duration... delays) {
            groupRetrySchedules.put(MessageChecks.group(group), schedule(delays));
            return this;
        }

        /**
         * How long a half message may stay unresolved before its producer group is asked about it
         * (default 6 s; a message's {@code CHECK_IMMUNITY_TIME_IN_SECONDS} property overrides it).
         */
        public Builder transactionCheckImmunity(Duration immunity) {
            this.transactionCheckImmunity = positiveOrZero("transactionCheckImmunity", immunity);
            return this;
        }

        /** Time between two checks of one unresolved half message (default 30 s). */
        public Builder transactionCheckInterval(Duration interval) {
            this.transactionCheckInterval = positiveOrZero("transactionCheckInterval", interval);
            return this;
        }

        /** Checks of a half message before it is rolled back and kept for the admin (default 15). */
        public Builder transactionCheckMax(int checks) {
            this.transactionCheckMax = positive("transactionCheckMax", checks);
            return this;
        }

        /**
         * Also serves Apache RocketMQ's remoting protocol over TCP on an ephemeral loopback port, so
         * official clients and rocketmq-spring work against this broker: give them
         * {@link EmbeddedBroker#nameServerAddress()}.
         */
        /**
         * Keeps messages, topic configs and offsets in files under {@code dir} (memory-mapped
         * CommitLog segments, 64 MiB unless {@link #segmentBytes} says otherwise), so a restart
         * continues where it stopped. One broker per directory (a lock file keeps others out).
         */
        public Builder dataDirectory(java.nio.file.Path dir) {
            if (dir == null) {
                throw new InvalidConfigurationException("data directory is null");
            }
            this.dataDirectory = dir;
            return this;
        }

        /**
         * With a data directory: {@code ASYNC} (default) forces written pages every
         * {@link #flushInterval}; {@code SYNC} returns a send only once its record is on disk.
         */
        public Builder flushPolicy(io.rocklet.mq.api.FlushPolicy policy) {
            if (policy == null || policy == io.rocklet.mq.api.FlushPolicy.NONE) {
                throw new InvalidConfigurationException("flush policy of a data directory must be ASYNC or SYNC: " + policy);
            }
            this.flushPolicy = policy;
            return this;
        }

        /**
         * With a data directory: whole segments older than this are deleted, whether consumed or
         * not (default 72 h), except those holding delayed or unresolved half messages.
         */
        public Builder retention(Duration maxAge) {
            if (maxAge == null || maxAge.isNegative()) {
                throw new InvalidConfigurationException("retention must be zero or positive: " + maxAge);
            }
            this.retention = maxAge;
            return this;
        }

        /** With a data directory: above this fraction of the disk in use, the oldest segments are deleted (default 1.0: off). */
        public Builder diskHighWaterMark(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new InvalidConfigurationException("disk high-water mark must be in (0, 1]: " + fraction);
            }
            this.diskHighWaterMark = fraction;
            return this;
        }

        /** ASYNC flush period (default 200 ms). */
        public Builder flushInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new InvalidConfigurationException("flush interval must be positive: " + interval);
            }
            this.flushInterval = interval;
            return this;
        }

        public Builder tcp() {
            return tcpPort(0);
        }

        /** Like {@link #tcp()} on a given port (0 = any free port); RocketMQ's usual is 9876. */
        public Builder tcpPort(int port) {
            if (port < 0 || port > 65535) {
                throw new InvalidConfigurationException("tcp port must be 0..65535: " + port);
            }
            this.tcpPort = port;
            return this;
        }

        /** The address the TCP endpoint binds to (default 127.0.0.1: loopback only). */
        public Builder tcpBind(String host) {
            if (host == null || host.isBlank()) {
                throw new InvalidConfigurationException("tcp bind address is blank");
            }
            this.tcpHost = host;
            return this;
        }

        /**
         * How long an orderly consumer's queue lock lives without renewal (default 60 s, longer
         * than the client's 30 s lease, which it renews every 20 s).
         */
        public Builder queueLockTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new InvalidConfigurationException("queueLockTtl must be positive: " + ttl);
            }
            this.queueLockTtl = ttl;
            return this;
        }

        private static Duration positiveOrZero(String what, Duration value) {
            if (value == null || value.isNegative()) {
                throw new InvalidConfigurationException(what + " must be zero or positive: " + value);
            }
            return value;
        }

        /** Logs the backlog table ({@link Admin#backlog()}) at INFO every {@code interval}; off by default. */
        public Builder logBacklogEvery(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new InvalidConfigurationException("backlog log interval must be positive: " + interval);
            }
            this.backlogLogInterval = interval;
            return this;
        }

        private static List<Duration> schedule(Duration... delays) {
            if (delays == null || delays.length == 0) {
                throw new InvalidConfigurationException("a retry schedule needs at least one delay");
            }
            for (Duration d : delays) {
                if (d == null || d.isNegative()) {
                    throw new InvalidConfigurationException("retry delays must be zero or positive: " + d);
                }
            }
            return List.of(delays);
        }

        public EmbeddedBroker build() {
            if (dataDirectory != null && !segmentBytesSet) {
                segmentBytes = 64 << 20;
            }
            if (maxRecordBytes > segmentBytes) {
                maxRecordBytes = segmentBytes;
            }
            return new EmbeddedBroker(this);
        }

        private static int positive(String what, int value) {
            if (value <= 0) {
                throw new InvalidConfigurationException(what + " must be positive: " + value);
            }
            return value;
        }
    }
}
