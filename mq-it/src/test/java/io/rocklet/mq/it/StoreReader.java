package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.PullConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads every message of a topic from the start of each queue (for checks after a restart). */
final class StoreReader {
    private StoreReader() {
    }

    /** Per queue, the messages in queue order. */
    static Map<MessageQueue, List<MessageView>> readAll(EmbeddedBroker broker, String topic) {
        Map<MessageQueue, List<MessageView>> result = new LinkedHashMap<>();
        try (Clients clients = broker.clients(); PullConsumer consumer = clients.pullConsumer().group("store-reader").build()) {
            List<MessageQueue> queues = broker.admin().queues(topic);
            consumer.assign(queues);
            for (MessageQueue queue : queues) {
                consumer.seek(queue, broker.admin().minOffset(queue));
                result.put(queue, new ArrayList<>());
            }
            long expected = 0;
            for (MessageQueue queue : queues) {
                expected += broker.admin().maxOffset(queue) - broker.admin().minOffset(queue);
            }
            long read = 0;
            int emptyPolls = 0;
            while (read < expected && emptyPolls < 20) {
                List<MessageView> batch = consumer.poll(Duration.ofMillis(50));
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
                for (MessageView m : batch) {
                    result.get(m.queue()).add(m);
                    read++;
                }
            }
        }
        return result;
    }
}
