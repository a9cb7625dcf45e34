package io.rocklet.mq.client;

import io.rocklet.mq.api.MessageQueue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AverageAllocationTest {
    private static List<MessageQueue> queues(int n) {
        List<MessageQueue> q = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            q.add(new MessageQueue("T", "b", i));
        }
        return q;
    }

    @Test
    void eightQueuesOverThreeClientsGiveThreeThreeTwo() {
        List<String> ids = List.of("a", "b", "c");
        assertThat(AverageAllocation.allocate(queues(8), ids, "a")).extracting(MessageQueue::queueId).containsExactly(0, 1, 2);
        assertThat(AverageAllocation.allocate(queues(8), ids, "b")).extracting(MessageQueue::queueId).containsExactly(3, 4, 5);
        assertThat(AverageAllocation.allocate(queues(8), ids, "c")).extracting(MessageQueue::queueId).containsExactly(6, 7);
    }

    @Test
    void moreClientsThanQueuesLeavesSomeIdle() {
        List<String> ids = List.of("a", "b", "c");
        assertThat(AverageAllocation.allocate(queues(2), ids, "a")).hasSize(1);
        assertThat(AverageAllocation.allocate(queues(2), ids, "b")).hasSize(1);
        assertThat(AverageAllocation.allocate(queues(2), ids, "c")).isEmpty();
        assertThat(AverageAllocation.allocate(queues(2), ids, "unknown")).isEmpty();
    }
}
