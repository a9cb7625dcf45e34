package io.rocklet.mq.api;

import java.util.List;

/** Backlog and rates of every consumer group and topic of one broker, taken at one moment. */
public record BacklogSnapshot(long takenAtMs, List<GroupBacklog> groups, List<TopicTraffic> topics) {

    /** The group's entry, or null. */
    public GroupBacklog group(String group) {
        return groups.stream().filter(g -> g.group().equals(group)).findFirst().orElse(null);
    }

    /** A compact table: one line per group, then one per topic with traffic. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-32s %10s %10s %8s %10s %8s %8s %8s%n",
                "group", "lag", "oldest_ms", "dlq", "tps", "p50_us", "p99_us", "failed"));
        for (GroupBacklog g : groups) {
            ConsumerMetrics m = g.consumers();
            out.append(String.format("%-32s %10d %10d %8d %10.1f %8d %8d %8d%n", g.group(), g.lag(),
                    g.oldestUnconsumedAgeMs(), g.deadLetters(), m.consumeTps(), m.consumeTimeP50Micros(),
                    m.consumeTimeP99Micros(), m.failed()));
        }
        out.append(String.format("%-32s %10s %10s%n", "topic", "messages", "tps"));
        for (TopicTraffic t : topics) {
            out.append(String.format("%-32s %10d %10.1f%n", t.topic(), t.messages(), t.produceTps()));
        }
        return out.toString();
    }
}
