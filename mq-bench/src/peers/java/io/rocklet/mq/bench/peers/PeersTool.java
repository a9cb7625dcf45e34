package io.rocklet.mq.bench.peers;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peers' load tool: {@code java -jar mq-bench-peers.jar SCENARIO --system
 * rocketmq|artemis|rocklet-tcp|rocklet-client [--threads N] [--window N] [--seconds S] [--warmup S] [--messages N]
 * [--rate R] [--send sync|async] [--body BYTES] [--log-dir DIR] [--quick]}. The scenarios are
 * Rocklet's load tool's, run against Apache RocketMQ 5.2.0 or ActiveMQ Artemis 2.38.0 started in
 * this JVM, or with RocketMQ's client against Rocklet's TCP endpoint ({@code rocklet-tcp}: the same
 * client and scenarios as {@code rocketmq}, Rocklet as the server), or with Rocklet's client against
 * Apache RocketMQ ({@code rocklet-client}: the same server and scenarios as {@code rocketmq}, Rocklet's
 * client in place of RocketMQ's); each prints one JSON line on
 * stdout with the system's name as {@code "system"}; everything else goes to stderr or to log files.
 * Scenarios: startup, send-sync, send-async, send-oneway, e2e-throughput, e2e-latency, all
 * ({@code all} runs e2e-latency once with each send mode), clients (what compares two clients on one
 * server: send-sync, send-async, e2e-throughput and e2e-latency with each send mode).
 */
public final class PeersTool {
    /** Where {@code startup}'s cold measurement starts, as in Rocklet's load tool. */
    static final long MAIN_START_NANOS = System.nanoTime();

    private PeersTool() {
    }

    public static void main(String[] args) {
        // RocketMQ's bundled loggers and others print to System.out; only the JSON lines may.
        PrintStream json = System.out;
        System.setOut(System.err);
        int status = 0;
        try {
            run(Options.parse(args), json);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // A RocketMQ broker left closing in the background keeps non-daemon threads alive.
        System.exit(status);
    }

    private static void run(Options options, PrintStream json) throws Exception {
        RunDirectory run = new RunDirectory();
        Path logDir = options.logDir() != null ? Path.of(options.logDir()) : run.root().resolve("logs");
        Files.createDirectories(logDir);
        PeerSystem system = switch (options.system()) {
            case "rocketmq" -> new RocketMqSystem(run, logDir, RemotingClientKind.OFFICIAL);
            case "rocklet-client" -> new RocketMqSystem(run, logDir, RemotingClientKind.ROCKLET);
            case "artemis" -> new ArtemisSystem(run, options.body().length);
            case "rocklet-tcp" -> new RockletTcpSystem(run, logDir);
            default -> throw new IllegalArgumentException("--system rocketmq|artemis|rocklet-tcp|rocklet-client, not "
                    + options.system());
        };
        RunContext context = new RunContext(system, options, json);
        StartupScenario startup = new StartupScenario(context);
        SendScenarios sends = new SendScenarios(context);
        EndToEndScenarios endToEnd = new EndToEndScenarios(context);
        switch (options.scenario()) {
            case "startup" -> startup.run();
            case "send-sync" -> sends.sendSync();
            case "send-async" -> sends.sendAsync();
            case "send-oneway" -> sends.sendOneway();
            case "e2e-throughput" -> endToEnd.e2eThroughput();
            case "e2e-latency" -> endToEnd.e2eLatency(options.sendMode());
            case "all" -> {
                startup.run();
                sends.sendSync();
                sends.sendAsync();
                sends.sendOneway();
                endToEnd.e2eThroughput();
                endToEnd.e2eLatency(EndToEndScenarios.SendMode.SYNC);
                endToEnd.e2eLatency(EndToEndScenarios.SendMode.ASYNC);
            }
            case "clients" -> {
                sends.sendSync();
                sends.sendAsync();
                endToEnd.e2eThroughput();
                endToEnd.e2eLatency(EndToEndScenarios.SendMode.SYNC);
                endToEnd.e2eLatency(EndToEndScenarios.SendMode.ASYNC);
            }
            default -> throw new IllegalArgumentException("scenarios: startup | send-sync | send-async | send-oneway"
                    + " | e2e-throughput | e2e-latency | all | clients, not " + options.scenario());
        }
    }
}
