package io.rocklet.mq.it;

import io.rocklet.mq.api.FlushPolicy;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM runs a broker and a producer; the test kills it with SIGKILL at random moments and
 * reopens the directory each time. SYNC: every acknowledged message is there, byte-identical.
 * ASYNC: the store stays consistent and at most the last flush interval is lost (counted).
 * Runs in the {@code crash} profile ({@code .ci/run} enables it); cycles via {@code -Drocklet.crash.cycles}.
 */
class CrashIT {
    @TempDir
    Path root;

    @Test
    void syncFlushLosesNothingAcknowledged() throws Exception {
        int cycles = Integer.getInteger("rocklet.crash.cycles", 10);
        Result result = run(root.resolve("sync"), FlushPolicy.SYNC, cycles);
        System.out.println("CrashIT SYNC: " + cycles + " SIGKILL cycles, " + result.acknowledged + " acknowledged, "
                + result.lost + " lost, " + result.stored + " stored");
        assertThat(result.lost).isZero();
    }

    @Test
    void asyncFlushStaysConsistentAndReportsWhatItLost() throws Exception {
        int cycles = Math.max(3, Integer.getInteger("rocklet.crash.cycles", 10) / 2);
        Result result = run(root.resolve("async"), FlushPolicy.ASYNC, cycles);
        System.out.println("CrashIT ASYNC: " + cycles + " SIGKILL cycles, " + result.acknowledged + " acknowledged, "
                + result.lost + " lost (written less than a flush interval before the kill), " + result.stored + " stored");
    }

    private record Result(long acknowledged, long lost, long stored) {
    }

    private Result run(Path dir, FlushPolicy policy, int cycles) throws Exception {
        long seed = Long.getLong("rocklet.seed", System.nanoTime());
        System.out.println("CrashIT seed " + seed + " (rerun with -Drocklet.seed=" + seed + ")");
        Random random = new Random(seed);
        Map<String, String> acknowledged = new HashMap<>();
        long lost = 0;
        long stored = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx256m", CrashChild.class.getName(),
                    dir.toString(), policy.name(), Integer.toString(cycle))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int killAfter = 200 + random.nextInt(3000);
            Map<String, String> thisCycle = new HashMap<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        String[] parts = line.split(" ", 3);
                        thisCycle.put(parts[1], parts[2]);
                        if (thisCycle.size() >= killAfter) {
                            break;
                        }
                    }
                }
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            acknowledged.putAll(thisCycle);

            try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDirectory(dir).flushPolicy(policy)
                    .segmentBytes(1 << 20).build().start()) {
                Map<String, String> present = new HashMap<>();
                for (List<MessageView> queue : StoreReader.readAll(broker, "Crash").values()) {
                    for (MessageView m : queue) {
                        String body = m.bodyAsString();
                        assertThat(body).as("no corrupt message is ever delivered").matches("c\\d+-\\d+-p*");
                        present.put(m.messageId(), body);
                    }
                }
                stored = present.size();
                long missing = 0;
                for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
                    String body = present.get(ack.getKey());
                    if (body == null) {
                        missing++;
                    } else {
                        assertThat(body).as("byte-identical").isEqualTo(ack.getValue());
                    }
                }
                if (policy == FlushPolicy.SYNC) {
                    assertThat(missing).as("cycle %d: acknowledged but missing", cycle).isZero();
                }
                lost = missing;
            }
        }
        return new Result(acknowledged.size(), lost, stored);
    }
}
