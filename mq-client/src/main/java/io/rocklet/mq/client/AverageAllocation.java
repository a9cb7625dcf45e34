package io.rocklet.mq.client;

import io.rocklet.mq.api.MessageQueue;

import java.util.ArrayList;
import java.util.List;

/**
 * RocketMQ's average allocation (AllocateMessageQueueAveragely): queues sorted by (topic, broker,
 * queue id) and client ids sorted as strings; each client takes a contiguous block, the first
 * {@code queues % clients} clients one extra.
 */
final class AverageAllocation {
    private AverageAllocation() {
    }

    static List<MessageQueue> allocate(List<MessageQueue> sortedQueues, List<String> sortedClientIds, String clientId) {
        int index = sortedClientIds.indexOf(clientId);
        List<MessageQueue> result = new ArrayList<>();
        if (index < 0 || sortedQueues.isEmpty()) {
            return result;
        }
        int queues = sortedQueues.size();
        int clients = sortedClientIds.size();
        int mod = queues % clients;
        int averageSize = queues <= clients ? 1 : (mod > 0 && index < mod ? queues / clients + 1 : queues / clients);
        int startIndex = (mod > 0 && index < mod) ? index * averageSize : index * averageSize + mod;
        int range = Math.min(averageSize, queues - startIndex);
        for (int i = 0; i < range; i++) {
            result.add(sortedQueues.get((startIndex + i) % queues));
        }
        return result;
    }
}
