package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.FlushPolicy;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damage in copies of real segment files — flipped bytes, truncated files — at random positions:
 * recovery never throws, never serves a damaged record, and keeps every record before the damage.
 */
class CorruptionIT {
    private static final int SEGMENT = 256 << 10;
    private static final int MESSAGES = 6000;
    private static final int TRIALS = 30;

    @TempDir
    Path root;

    @Test
    void recoveryKeepsEverythingBeforeTheDamageAndServesNothingDamaged() throws Exception {
        Path original = root.resolve("original");
        Map<String, Long> physicalOffsetOfBody = new HashMap<>();
        try (EmbeddedBroker broker = open(original); Clients clients = broker.clients()) {
            broker.admin().createTopic("Ledger", 2);
            Producer producer = clients.producer().build();
            for (int i = 0; i < MESSAGES; i++) {
                String body = "entry-" + i + "-" + "x".repeat(i % 97);
                SendResult result = producer.send(Message.builder("Ledger").keys("k" + i).body(body).build());
                physicalOffsetOfBody.put(body, Long.parseLong(result.offsetMessageId().substring(16), 16));
            }
        }
        List<Path> segments = segments(original);
        long seed = Long.getLong("rocklet.seed", System.nanoTime());
        System.out.println("CorruptionIT seed " + seed + " (rerun with -Drocklet.seed=" + seed + "), " + segments.size() + " segments");
        Random random = new Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            Path copy = root.resolve("trial-" + trial);
            copyStore(original, copy);
            List<Path> copied = segments(copy);
            Path victim = copied.get(random.nextInt(copied.size()));
            long victimStart = Long.parseLong(victim.getFileName().toString());
            int position = random.nextInt(SEGMENT);
            long damage;
            if (random.nextBoolean()) {
                try (RandomAccessFile file = new RandomAccessFile(victim.toFile(), "rw")) {
                    for (int i = 0; i < 1 + random.nextInt(8); i++) {
                        int at = Math.min(SEGMENT - 1, position + i);
                        file.seek(at);
                        int b = file.read();
                        file.seek(at);
                        file.write(b ^ (1 + random.nextInt(255)));
                    }
                }
                damage = victimStart + position; // records starting before the record holding this byte survive
            } else {
                try (RandomAccessFile file = new RandomAccessFile(victim.toFile(), "rw")) {
                    file.setLength(position);
                }
                damage = victimStart; // a file of the wrong size and everything after it are set aside
            }
            check(copy, physicalOffsetOfBody, damage);
        }
        RockletExtension.assertNothingLeaked("CorruptionIT");
    }

    private static void check(Path store, Map<String, Long> physicalOffsetOfBody, long damage) {
        try (EmbeddedBroker broker = open(store)) {
            Map<MessageQueue, List<MessageView>> read = StoreReader.readAll(broker, "Ledger");
            int served = 0;
            for (List<MessageView> queue : read.values()) {
                for (MessageView m : queue) {
                    String body = m.bodyAsString();
                    assertThat(physicalOffsetOfBody).as("a served message is one that was sent, intact").containsKey(body);
                    assertThat(m.keys()).containsExactly("k" + body.split("-")[1]);
                    served++;
                }
            }
            long mustSurvive = physicalOffsetOfBody.values().stream().filter(o -> o < damage - 4096).count();
            assertThat(served).as("every record well before the damage at %d is kept", damage).isGreaterThanOrEqualTo((int) mustSurvive);
        }
    }

    private static EmbeddedBroker open(Path dir) {
        return EmbeddedBroker.builder().dataDirectory(dir).flushPolicy(FlushPolicy.SYNC).segmentBytes(SEGMENT).build().start();
    }

    private static List<Path> segments(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store.resolve("commitlog"))) {
            List<Path> list = new ArrayList<>(files.filter(p -> p.getFileName().toString().matches("\\d{20}")).sorted().toList());
            return list;
        }
    }

    private static void copyStore(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("commitlog"));
        for (Path segment : segments(from)) {
            Files.copy(segment, to.resolve("commitlog").resolve(segment.getFileName()));
        }
        for (String file : new String[]{"topics.tsv", "offsets.tsv"}) {
            if (Files.exists(from.resolve(file))) {
                Files.copy(from.resolve(file), to.resolve(file));
            }
        }
    }
}
