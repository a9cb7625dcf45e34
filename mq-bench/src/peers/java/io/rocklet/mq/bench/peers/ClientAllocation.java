package io.rocklet.mq.bench.peers;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bytes the client side allocates in a measured window, from
 * {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}: summed over the scenario's own
 * threads (the thread that calls {@link #start()}, where async sends are made, and the
 * {@code peers-sender-*} threads) and the client library's threads, which the peer names
 * ({@link PeerBroker#clientThreads()}). The server runs in the same JVM; its threads are left out.
 * <p>
 * Exact per thread and free outside the two samples, unlike JFR's allocation samples; what it
 * misses is a client thread that ends inside the window (stderr counts them). Each stop prints the
 * bytes per thread name to stderr, counted or not, so the split can be checked.
 */
final class ClientAllocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final String SENDER_THREADS = "peers-sender-";

    /** Which threads of this JVM are a peer's client library's. */
    @FunctionalInterface
    interface ClientThreads {
        boolean test(long id, String name);

        /**
         * Threads named by {@code prefixes}, except those alive at this call (the server's, when
         * called before the client starts: a broker's own client threads may have the same names).
         */
        static ClientThreads startedFromNowOn(String... prefixes) {
            Set<Long> before = aliveThreads();
            return (id, name) -> {
                if (before.contains(id)) {
                    return false;
                }
                for (String prefix : prefixes) {
                    if (name.startsWith(prefix)) {
                        return true;
                    }
                }
                return false;
            };
        }
    }

    private record Sample(String name, long bytes) {
    }

    private final String what;
    private final ClientThreads client;
    private long scenarioThread;
    private Map<Long, Sample> start;
    private long bytes = -1;

    private ClientAllocation(String what, ClientThreads client) {
        this.what = what;
        this.client = client;
    }

    /** A meter for {@code broker}'s client; measures nothing when the peer names no client threads. */
    static ClientAllocation of(PeerBroker broker, String what) {
        return new ClientAllocation(what, broker.clientThreads());
    }

    static Set<Long> aliveThreads() {
        Set<Long> ids = new HashSet<>();
        for (long id : THREADS.getAllThreadIds()) {
            ids.add(id);
        }
        return ids;
    }

    /** Starts the window; the calling thread counts as the client's. */
    void start() {
        if (client == null || !THREADS.isThreadAllocatedMemorySupported()) {
            return;
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
        scenarioThread = Thread.currentThread().getId();
        start = sample();
    }

    /** Ends the window; prints the split by thread name to stderr. */
    void stop() {
        if (start == null) {
            return;
        }
        Map<Long, Sample> end = sample();
        Map<String, Long> counted = new TreeMap<>();
        Map<String, Long> left = new TreeMap<>();
        long total = 0;
        for (Map.Entry<Long, Sample> e : end.entrySet()) {
            Sample s = e.getValue();
            Sample before = start.get(e.getKey());
            long delta = s.bytes() - (before == null ? 0 : before.bytes());
            String group = s.name().replaceAll("[0-9]+", "#");
            if (isClient(e.getKey(), s.name())) {
                total += delta;
                counted.merge(group, delta, Long::sum);
            } else if (delta > 0) {
                left.merge(group, delta, Long::sum);
            }
        }
        long ended = start.entrySet().stream()
                .filter(e -> !end.containsKey(e.getKey()) && isClient(e.getKey(), e.getValue().name())).count();
        bytes = total;
        System.err.printf("peers: %s: client threads allocated %,d bytes: %s%n", what, total, counted);
        System.err.printf("peers: %s: not counted (server and others): %s%n", what, left);
        if (ended > 0) {
            System.err.printf("peers: %s: %d client threads ended inside the window; not counted%n", what, ended);
        }
    }

    /** Adds {@code client_bytes_per_msg} (allocated bytes ÷ {@code messages}) when measured. */
    PeerJson putPerMessage(PeerJson line, long messages) {
        return bytes < 0 || messages <= 0 ? line : line.put("client_bytes_per_msg", bytes / (double) messages);
    }

    private boolean isClient(long id, String name) {
        return id == scenarioThread || name.startsWith(SENDER_THREADS) || client.test(id, name);
    }

    private static Map<Long, Sample> sample() {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids, 0);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Sample> samples = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && allocated[i] >= 0) {
                samples.put(ids[i], new Sample(infos[i].getThreadName(), allocated[i]));
            }
        }
        return samples;
    }
}
