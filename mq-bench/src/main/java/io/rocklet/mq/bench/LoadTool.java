package io.rocklet.mq.bench;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.client.remoting.CommandCodec;
import io.rocklet.mq.client.remoting.RemotingCommand;
import io.rocklet.mq.client.remoting.RequestCode;
import io.rocklet.mq.client.remoting.ResponseCode;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load tool: {@code java -jar mq-bench.jar SCENARIO [--threads N] [--seconds S] [--rate R]
 * [--body BYTES] [--idle park|spin] [--quick]}. Each scenario prints one JSON line on stdout; logs go to stderr.
 * Scenarios: startup, startup-tcp, send-sync, send-async, send-oneway, durable-sync, durable-async, recovery,
 * delay-lateness, e2e-throughput, e2e-latency, all.
 */
public final class LoadTool {
    private static final long MAIN_START_NANOS = System.nanoTime();
    /** The default budget: senders without consumers turn a ring; a slow consumer is back-pressure. */
    private static final long STORE_BUDGET = 128L << 20;

    private final Map<String, String> options;

    private LoadTool(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                options.put("quick", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            }
        }
        LoadTool tool = new LoadTool(options);
        String scenario = args.length > 0 ? args[0] : "all";
        switch (scenario) {
            case "startup" -> tool.startup();
            case "startup-tcp" -> tool.startupTcp();
            case "send-sync" -> tool.sendSync();
            case "send-async" -> tool.sendAsync();
            case "send-oneway" -> tool.sendOneway();
            case "durable-sync" -> tool.durable(io.rocklet.mq.api.FlushPolicy.SYNC);
            case "durable-async" -> tool.durable(io.rocklet.mq.api.FlushPolicy.ASYNC);
            case "recovery" -> tool.recovery();
            case "delay-lateness" -> tool.delayLateness();
            case "e2e-throughput" -> tool.e2eThroughput();
            case "e2e-latency" -> tool.e2eLatency();
            case "all" -> {
                tool.startup();
                tool.sendSync();
                tool.sendAsync();
                tool.sendOneway();
                tool.durable(io.rocklet.mq.api.FlushPolicy.SYNC);
                tool.options.put("threads", "16");
                tool.durable(io.rocklet.mq.api.FlushPolicy.SYNC);
                tool.options.remove("threads");
                tool.durable(io.rocklet.mq.api.FlushPolicy.ASYNC);
                tool.recovery();
                tool.delayLateness();
                tool.e2eThroughput();
                tool.e2eLatency();
                tool.options.put("idle", "spin");
                tool.e2eThroughput();
                tool.e2eLatency();
            }
            default -> {
                System.err.println("scenarios: startup | startup-tcp | send-sync | send-async | send-oneway | durable-sync | durable-async | recovery | delay-lateness | e2e-throughput | e2e-latency | all");
                System.exit(2);
            }
        }
    }

    private boolean quick() {
        return options.containsKey("quick");
    }

    private int intOption(String name, int normal, int quick) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(quick() ? quick : normal)));
    }

    /** The consumers' idle strategy: {@code --idle park} (default) or {@code --idle spin} (200 µs, then park). */
    private String idle() {
        return options.getOrDefault("idle", "park");
    }

    private Duration spinBeforePark() {
        return idle().equals("spin") ? Duration.ofNanos(200_000) : Duration.ZERO;
    }

    private byte[] body() {
        return new byte[intOption("body", 128, 128)];
    }

    /** From the first line of main (fresh JVM) to a message received by a push consumer; then again in the same JVM. */
    void startup() throws InterruptedException {
        double coldMs = firstMessageMs(MAIN_START_NANOS, "startup-cold");
        double warmMs = firstMessageMs(System.nanoTime(), "startup-warm");
        new Json("startup").put("cold_ms", coldMs).put("warm_ms", warmMs).print();
    }

    private double firstMessageMs(long fromNanos, String name) throws InterruptedException {
        CountDownLatch received = new CountDownLatch(1);
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name(name).build().start();
             Clients clients = broker.clients()) {
            clients.pushConsumer().group("startup").subscribe("Startup", "*")
                    .listener(m -> {
                        received.countDown();
                        return ConsumeResult.SUCCESS;
                    }).build();
            clients.producer().build().send(Message.of("Startup", "hello"));
            received.await(10, TimeUnit.SECONDS);
            return (System.nanoTime() - fromNanos) / 1e6;
        }
    }

    /**
     * {@code start()} to the TCP endpoint answering, measured from just before the builder ({@code
     * build()} binds the port): to a plain socket connected ({@code accept_ms}) and to the answer
     * of a route request sent over it ({@code route_ms}, the name-server call every client makes
     * first). {@code cold_*}: the first broker of this JVM (run it in a fresh JVM), after logging
     * is initialized, as an application's is before it starts a broker ({@code logging_init_ms}:
     * what that took here, logback reading this tool's logback.xml); {@code cold_from_main_ms}:
     * the same answer counted from the first line of {@code main}, logging included;
     * {@code jvm_to_main_ms}: what the JVM took before {@code main}. {@code warm_*}: the median of
     * {@code --repeat} (5) further brokers in the same JVM, one after another. Line system:
     * {@code rocklet-tcp}.
     */
    void startupTcp() throws IOException {
        long loggingFrom = System.nanoTime();
        org.slf4j.LoggerFactory.getLogger(LoadTool.class).debug("logging initialized");
        long coldFrom = System.nanoTime();
        double loggingInitMs = (coldFrom - loggingFrom) / 1e6;
        double[] cold = tcpStartMs("startup-tcp-cold");
        double coldFromMainMs = (coldFrom - MAIN_START_NANOS) / 1e6 + cold[1];
        // After the measurement: the management classes take tens of ms to load.
        double jvmToMainMs = ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - MAIN_START_NANOS) / 1e6;
        int repeat = intOption("repeat", 5, 5);
        double[] warmAccept = new double[repeat];
        double[] warmRoute = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            double[] warm = tcpStartMs("startup-tcp-warm-" + i);
            warmAccept[i] = warm[0];
            warmRoute[i] = warm[1];
        }
        new Json("rocklet-tcp", "startup-tcp").put("cold_accept_ms", cold[0]).put("cold_route_ms", cold[1])
                .put("logging_init_ms", loggingInitMs).put("cold_from_main_ms", coldFromMainMs).put("jvm_to_main_ms", jvmToMainMs)
                .put("warm_accept_ms", median(warmAccept)).put("warm_route_ms", median(warmRoute))
                .put("warm_runs", repeat).print();
    }

    /** Milliseconds from just before the builder to {socket connected, route answered}; the broker is closed after. */
    private static double[] tcpStartMs(String name) throws IOException {
        long start = System.nanoTime();
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name(name).tcp().build().start()) {
            String address = broker.nameServerAddress();
            int colon = address.lastIndexOf(':');
            try (Socket socket = new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))) {
                long accepted = System.nanoTime();
                socket.setTcpNoDelay(true);
                ByteBuffer frame = CommandCodec.encode(RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, 1)
                        .put("topic", "TBW102"));
                OutputStream out = socket.getOutputStream();
                out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] answer = new byte[in.readInt()];
                in.readFully(answer);
                long answered = System.nanoTime();
                RemotingCommand response = CommandCodec.decode(ByteBuffer.wrap(answer));
                if (response.code != ResponseCode.SUCCESS || response.body == null) {
                    throw new IllegalStateException(name + ": route request answered " + response);
                }
                return new double[] {(accepted - start) / 1e6, (answered - start) / 1e6};
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** N threads share one producer and send for S seconds; the first second is warm-up. */
    void sendSync() throws InterruptedException {
        int threads = intOption("threads", 1, 1);
        int seconds = intOption("seconds", 5, 2);
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("send-sync").storeBudgetBytes(STORE_BUDGET).build().start();
             Clients clients = broker.clients()) {
            broker.admin().createTopic("SendSync", 8);
            Producer producer = clients.producer().build();
            Message message = Message.builder("SendSync").tag("TagA").body(body()).build();
            AtomicLong counted = new AtomicLong();
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
            Thread[] senders = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                senders[t] = new Thread(() -> {
                    long n = 0;
                    while (System.nanoTime() < warmupEnd) {
                        producer.send(message);
                    }
                    while (System.nanoTime() < end) {
                        producer.send(message);
                        n++;
                    }
                    counted.addAndGet(n);
                });
                senders[t].start();
            }
            for (Thread t : senders) {
                t.join();
            }
            new Json("send-sync").put("threads", threads).put("messages", counted.get()).put("seconds", seconds)
                    .put("msgs_per_sec", counted.get() / (double) seconds).print();
        }
    }

    /**
     * N threads share one producer and send for S seconds (after a second of warm-up) to a broker
     * with a data directory (a temp dir under {@code --dir}, default the system temp dir) and the
     * given flush policy: SYNC returns each send once on disk (group commit), ASYNC flushes every
     * 200 ms.
     */
    void durable(io.rocklet.mq.api.FlushPolicy policy) throws Exception {
        int threads = intOption("threads", 1, 1);
        int seconds = intOption("seconds", 5, 2);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(
                java.nio.file.Path.of(options.getOrDefault("dir", System.getProperty("java.io.tmpdir"))), "rocklet-durable");
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("durable").dataDirectory(dir).flushPolicy(policy).build().start();
             Clients clients = broker.clients()) {
            broker.admin().createTopic("Durable", 8);
            Producer producer = clients.producer().build();
            Message message = Message.builder("Durable").tag("TagA").body(body()).build();
            AtomicLong counted = new AtomicLong();
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
            Thread[] senders = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                senders[t] = new Thread(() -> {
                    long n = 0;
                    while (System.nanoTime() < end) {
                        producer.send(message);
                        if (System.nanoTime() >= warmupEnd) {
                            n++;
                        }
                    }
                    counted.addAndGet(n);
                });
                senders[t].start();
            }
            for (Thread t : senders) {
                t.join();
            }
            new Json(policy == io.rocklet.mq.api.FlushPolicy.SYNC ? "durable-sync" : "durable-async").put("threads", threads)
                    .put("messages", counted.get()).put("seconds", seconds).put("msgs_per_sec", counted.get() / (double) seconds)
                    .print();
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Delayed messages at {@code --rate}/s (default 1,000) for S seconds, each with a random delay
     * of 0.1–2 s: lateness = consume time − intended delivery time, HdrHistogram in µs; "early"
     * counts deliveries before their time (must be 0).
     */
    void delayLateness() throws InterruptedException {
        int rate = intOption("rate", 1_000, 1_000);
        int seconds = intOption("seconds", 10, 3);
        Histogram lateness = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong early = new AtomicLong();
        AtomicLong received = new AtomicLong();
        long total = (long) rate * seconds;
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("delay-lateness").build().start();
             Clients clients = broker.clients()) {
            clients.pushConsumer().group("lateness").subscribe("Delayed", "*")
                    .listener(m -> {
                        long late = System.currentTimeMillis() * 1000 - m.deliverAtMs() * 1000;
                        if (late < 0) {
                            early.incrementAndGet();
                        } else {
                            lateness.recordValue(late);
                        }
                        received.incrementAndGet();
                        return ConsumeResult.SUCCESS;
                    }).build();
            Producer producer = clients.producer().build();
            java.util.Random random = new java.util.Random(42);
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                producer.send(Message.builder("Delayed").body(body())
                        .delay(Duration.ofMillis(100 + random.nextInt(1900))).build());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.get() < total && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        new Json("delay-lateness").put("rate", rate).put("messages", received.get()).put("seconds", seconds)
                .put("early", early.get())
                .put("p50_us", lateness.getValueAtPercentile(50)).put("p99_us", lateness.getValueAtPercentile(99))
                .put("max_us", lateness.getMaxValue()).print();
    }

    /** Writes {@code --mib} MiB (default 1024, quick 256) of 128-byte messages, closes, and times the reopen. */
    void recovery() throws Exception {
        long bytes = (long) intOption("mib", 1024, 256) << 20;
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(
                java.nio.file.Path.of(options.getOrDefault("dir", System.getProperty("java.io.tmpdir"))), "rocklet-recovery");
        try {
            long messages = 0;
            try (EmbeddedBroker broker = EmbeddedBroker.builder().name("recovery-write").dataDirectory(dir).build().start();
                 Clients clients = broker.clients()) {
                broker.admin().createTopic("Recovery", 8);
                Producer producer = clients.producer().build();
                Message message = Message.builder("Recovery").tag("TagA").body(body()).build();
                long recordBytes = 91 + 128 + "Recovery".length() + 60;
                for (long written = 0; written < bytes; written += recordBytes) {
                    producer.send(message);
                    messages++;
                }
            }
            long start = System.nanoTime();
            try (EmbeddedBroker broker = EmbeddedBroker.builder().name("recovery-read").dataDirectory(dir).build().start()) {
                double ms = (System.nanoTime() - start) / 1e6;
                new Json("recovery").put("messages", messages).put("store_mib", bytes >> 20).put("recovery_ms", ms)
                        .put("msgs_per_sec", messages / (ms / 1000)).print();
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * One thread keeps up to {@code --window} async sends in flight for S seconds after a second of
     * warm-up. In-process an async send completes on the caller's thread, so the window is never
     * the limit; over TCP it would be.
     */
    void sendAsync() throws InterruptedException {
        int window = intOption("window", 1024, 1024);
        int seconds = intOption("seconds", 5, 2);
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("send-async").storeBudgetBytes(STORE_BUDGET).build().start();
             Clients clients = broker.clients()) {
            broker.admin().createTopic("SendAsync", 8);
            Producer producer = clients.producer().build();
            Message message = Message.builder("SendAsync").tag("TagA").body(body()).build();
            Semaphore inFlight = new Semaphore(window);
            AtomicLong failed = new AtomicLong();
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
            long counted = 0;
            while (System.nanoTime() < end) {
                inFlight.acquire();
                producer.sendAsync(message).whenComplete((r, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                    inFlight.release();
                });
                if (System.nanoTime() >= warmupEnd) {
                    counted++;
                }
            }
            inFlight.acquire(window);
            new Json("send-async").put("window", window).put("messages", counted).put("seconds", seconds)
                    .put("msgs_per_sec", counted / (double) seconds).put("failed", failed.get()).print();
        }
    }

    /**
     * Oneway sends as fast as one thread can while a slow consumer group holds what it has not
     * consumed: the 128 MiB store fills and the producer is slowed to the consumer's pace
     * (back-pressure) instead of losing messages. Reports sent, stored, failed and lost
     * (sent − stored).
     */
    void sendOneway() throws InterruptedException {
        int seconds = intOption("seconds", 5, 2);
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("send-oneway").storeBudgetBytes(STORE_BUDGET).build().start();
             Clients clients = broker.clients()) {
            broker.admin().createTopic("SendOneway", 8);
            try (PushConsumer slow = clients.pushConsumer().group("oneway-slow").subscribe("SendOneway", "*")
                    .consumeThreads(1).listener(m -> {
                        LockSupport.parkNanos(20_000); // a consumer far slower than the producer: overload
                        return ConsumeResult.SUCCESS;
                    }).build()) {
                Producer producer = clients.producer().build(); // default 3 s: waits out a full store
                Message message = Message.builder("SendOneway").tag("TagA").body(body()).build();
                long sent = 0;
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                long start = System.nanoTime();
                while (System.nanoTime() < end) {
                    producer.sendOneway(message);
                    sent++;
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                long stored = broker.admin().queues("SendOneway").stream().mapToLong(q -> broker.admin().maxOffset(q)).sum();
                new Json("send-oneway").put("messages", sent).put("seconds", elapsed).put("msgs_per_sec", stored / elapsed)
                        .put("stored", stored).put("failed", producer.onewayFailures()).put("lost", sent - stored)
                        .print();
            }
        }
    }

    /**
     * One producer thread sends N messages as fast as it can; one push consumer counts them. A
     * first round of N messages on its own topic warms the JIT up and is not counted.
     */
    void e2eThroughput() throws InterruptedException {
        int messages = intOption("messages", 5_000_000, 1_000_000);
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("e2e-throughput").storeBudgetBytes(STORE_BUDGET).build().start();
             Clients clients = broker.clients()) {
            moveThrough(broker, clients, "ThroughputWarmup", messages);
            long start = System.nanoTime();
            long consumed = moveThrough(broker, clients, "Throughput", messages);
            double seconds = (System.nanoTime() - start) / 1e9;
            new Json("e2e-throughput").put("idle_strategy", idle()).put("messages", consumed).put("seconds", seconds)
                    .put("msgs_per_sec", consumed / seconds).print();
        }
    }

    /** Sends {@code messages} to a fresh topic with one consumer on it; returns how many it consumed. */
    private long moveThrough(EmbeddedBroker broker, Clients clients, String topic, int messages)
            throws InterruptedException {
        broker.admin().createTopic(topic, 8);
        CountDownLatch done = new CountDownLatch(messages);
        try (PushConsumer consumer = clients.pushConsumer().group(topic).subscribe(topic, "*").consumeBatchSize(32)
                .spinBeforePark(spinBeforePark()).consumeThreads(intOption("consume-threads", 20, 20))
                .batchListener(batch -> {
                    for (int i = 0; i < batch.size(); i++) {
                        done.countDown();
                    }
                    return ConsumeResult.SUCCESS;
                }).build()) {
            Producer producer = clients.producer().build();
            Message message = Message.of(topic, body());
            for (int i = 0; i < messages; i++) {
                producer.send(message);
            }
            done.await(120, TimeUnit.SECONDS);
            return messages - done.getCount();
        }
    }

    /** A producer paced at a fixed rate on an absolute schedule; latency = consume time - send time. */
    void e2eLatency() throws InterruptedException {
        int rate = intOption("rate", 10_000, 10_000);
        int seconds = intOption("seconds", 10, 5);
        int warmupSeconds = 2;
        Histogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(10), 3);
        AtomicLong received = new AtomicLong();
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("e2e-latency").storeBudgetBytes(STORE_BUDGET).build().start();
             Clients clients = broker.clients()) {
            broker.admin().createTopic("Latency", 8);
            clients.pushConsumer().group("latency").subscribe("Latency", "*").spinBeforePark(spinBeforePark())
                    .listener(m -> {
                        long now = System.nanoTime();
                        long sent = ByteBuffer.wrap(m.body()).getLong();
                        if (sent >= measureFrom) {
                            histogram.recordValue(now - sent);
                        }
                        received.incrementAndGet();
                        return ConsumeResult.SUCCESS;
                    }).build();
            Producer producer = clients.producer().build();
            byte[] body = body();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long total = (long) rate * (seconds + warmupSeconds);
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                ByteBuffer.wrap(body).putLong(0, System.nanoTime());
                producer.send(Message.of("Latency", body));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.get() < total && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        new Json("e2e-latency").put("rate", rate).put("messages", histogram.getTotalCount()).put("seconds", seconds)
                .put("idle_strategy", idle())
                .put("p50_us", histogram.getValueAtPercentile(50) / 1e3)
                .put("p99_us", histogram.getValueAtPercentile(99) / 1e3)
                .put("p999_us", histogram.getValueAtPercentile(99.9) / 1e3)
                .put("max_us", histogram.getMaxValue() / 1e3).print();
    }
}
