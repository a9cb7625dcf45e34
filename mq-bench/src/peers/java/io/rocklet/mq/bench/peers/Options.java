package io.rocklet.mq.bench.peers;

import java.util.HashMap;
import java.util.Map;

/**
 * The command line: {@code SCENARIO --system rocketmq|artemis|rocklet-tcp|rocklet-client [--threads N] [--window N]
 * [--seconds S] [--warmup S] [--messages N] [--rate R] [--send sync|async] [--body BYTES]
 * [--log-dir DIR] [--quick]}, read the way Rocklet's load tool reads its own.
 */
final class Options {
    private final String scenario;
    private final Map<String, String> values;

    private Options(String scenario, Map<String, String> values) {
        this.scenario = scenario;
        this.values = values;
    }

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                values.put("quick", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                values.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
        }
        return new Options(args.length > 0 ? args[0] : "all", values);
    }

    String scenario() {
        return scenario;
    }

    /** {@code rocketmq}, {@code artemis}, {@code rocklet-tcp} or {@code rocklet-client}; there is no default, a peer run names its peer. */
    String system() {
        String system = values.get("system");
        if (system == null) {
            throw new IllegalArgumentException("--system rocketmq|artemis|rocklet-tcp|rocklet-client is required");
        }
        return system;
    }

    boolean quick() {
        return values.containsKey("quick");
    }

    int intOption(String name, int normal, int quick) {
        return Integer.parseInt(values.getOrDefault(name, String.valueOf(quick() ? quick : normal)));
    }

    /**
     * Seconds of warm-up before a timed send or latency run: {@code --warmup}, default 10, or 5
     * with {@code --quick}. Rocklet's load tool warms up for 1 s (send) or 2 s (latency); a RocketMQ
     * broker and client in a fresh JVM still run at a fraction of their speed after that on two
     * cores (the JIT compiles for ~10 s; 5.2.0's transaction-metrics service spins on one core for
     * the first 3 s after its broker starts). The longer warm-up favours the peers.
     */
    int warmupSeconds() {
        return intOption("warmup", 10, 5);
    }

    /** How {@code e2e-latency}'s producer sends: {@code --send sync} (default, as Rocklet's) or {@code async}. */
    EndToEndScenarios.SendMode sendMode() {
        return EndToEndScenarios.SendMode.valueOf(values.getOrDefault("send", "sync").toUpperCase(java.util.Locale.ROOT));
    }

    /** Where the peers write their own log files; null: a directory deleted when the JVM exits. */
    String logDir() {
        return values.get("log-dir");
    }

    byte[] body() {
        return new byte[intOption("body", 128, 128)];
    }
}
