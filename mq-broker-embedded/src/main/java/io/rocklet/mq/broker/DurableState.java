package io.rocklet.mq.broker;

import io.rocklet.mq.client.internal.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The broker state kept beside the CommitLog in the data directory, as small tab-separated text
 * files replaced atomically (write a temp file, then rename): topic configs
 * ({@code name readQueues writeQueues}) and committed offsets ({@code group topic queueId offset}).
 * Messages themselves, and what depends on them, are recovered from the log.
 */
final class DurableState {
    private final Path topicsFile;
    private final Path offsetsFile;
    private String lastOffsets = "";

    DurableState(Path dir) {
        this.topicsFile = dir.resolve("topics.tsv");
        this.offsetsFile = dir.resolve("offsets.tsv");
    }

    List<TopicConfig> loadTopics() {
        List<TopicConfig> configs = new ArrayList<>();
        for (String[] f : read(topicsFile, 4)) {
            configs.add(new TopicConfig(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])));
        }
        return configs;
    }

    /** Synchronized: topics are created on any thread, and the writes share one temp file. */
    synchronized void saveTopics(Map<String, TopicConfig> configs) {
        StringBuilder text = new StringBuilder();
        configs.values().forEach(c -> text.append(c.name()).append('\t').append(c.readQueues()).append('\t')
                .append(c.writeQueues()).append('\t').append(c.perm()).append('\n'));
        write(topicsFile, text.toString());
    }

    void loadOffsets(ConsumerOffsets offsets) {
        for (String[] f : read(offsetsFile, 4)) {
            offsets.commit(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]));
        }
    }

    /** Writes the offsets when they changed since the last save. */
    synchronized void saveOffsets(ConsumerOffsets offsets) {
        StringBuilder text = new StringBuilder();
        for (String group : offsets.groups()) {
            for (String topic : offsets.topicsOf(group)) {
                ConsumerOffsets.TopicOffsets t = offsets.groupsOf(topic).get(group);
                for (int q = 0; t != null && q < t.offsets.length(); q++) {
                    long offset = t.get(q);
                    if (offset >= 0) {
                        text.append(group).append('\t').append(topic).append('\t').append(q).append('\t').append(offset).append('\n');
                    }
                }
            }
        }
        String content = text.toString();
        if (!content.equals(lastOffsets)) {
            write(offsetsFile, content);
            lastOffsets = content;
        }
    }

    private static List<String[]> read(Path file, int fields) {
        List<String[]> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length == fields) {
                    rows.add(f);
                } else if (!line.isBlank()) {
                    BrokerLog.LOG.warn("ignoring a malformed line in {}: {}", file, line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    private static void write(Path file, String content) {
        try {
            AtomicFiles.replace(file, content);
        } catch (IOException e) {
            BrokerLog.LOG.error("cannot write {}: {}", file, e.toString());
        }
    }
}
