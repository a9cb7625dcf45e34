package io.rocklet.mq.broker;

import io.rocklet.mq.broker.store.MemoryBudget;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The topics of one broker. Tells a listener (the name-server registration) about every change. */
final class TopicTable {
    private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
    private final MemoryBudget budget;
    private final Consumer<TopicTable> onChange;

    TopicTable(MemoryBudget budget, Consumer<TopicTable> onChange) {
        this.budget = budget;
        this.onChange = onChange;
    }

    Topic get(String name) {
        return topics.get(name);
    }

    /** Creates the topic or grows its queues; returns it. */
    Topic createOrUpdate(TopicConfig config) {
        boolean[] changed = {false};
        Topic topic = topics.compute(config.name(), (name, existing) -> {
            if (existing == null) {
                changed[0] = true;
                return new Topic(config, budget);
            }
            if (!existing.config().equals(config)) {
                existing.update(config);
                changed[0] = true;
            }
            return existing;
        });
        if (changed[0]) {
            onChange.accept(this);
        }
        return topic;
    }

    /** Creates the topic if missing (first send); concurrent senders get the same one. */
    Topic getOrCreate(String name, int queues) {
        Topic topic = topics.get(name);
        return topic != null ? topic : createOrUpdate(TopicConfig.of(name, queues));
    }

    Map<String, TopicConfig> configs() {
        Map<String, TopicConfig> configs = new TreeMap<>();
        topics.forEach((name, topic) -> configs.put(name, topic.config()));
        return configs;
    }

    Iterable<Topic> all() {
        return topics.values();
    }

    void close() {
        topics.values().forEach(Topic::close);
    }
}
