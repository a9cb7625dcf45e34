package io.rocklet.mq.client;

import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.client.codec.DecodedMessage;
import io.rocklet.mq.client.codec.MessageIds;
import io.rocklet.mq.client.codec.MessageRecord;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.protocol.TagFilter;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessQueueTest {
    private static final MessageQueue QUEUE = new MessageQueue("T", "b", 0);

    private static MessageView at(long offset) {
        ByteBuffer buf = ByteBuffer.allocate(512);
        RecordEncoder.encode(buf, Message.of("T", "m" + offset), 0, 1L, 0L, 1L, 0L, MessageIds.uniqueIdHigh(), offset);
        buf.putLong(MessageRecord.QUEUE_OFFSET, offset);
        return new DecodedMessage(buf.flip(), QUEUE);
    }

    @Test
    void commitOffsetIsTheFirstOffsetNotDoneAndFilteredOffsetsAreDoneOnArrival() {
        ProcessQueue pq = new ProcessQueue(QUEUE, TagFilter.ALL, 10, 1000, 1 << 20);
        // offsets 11 and 13 were filtered out by the broker: they never arrive
        pq.add(List.of(at(10), at(12), at(14)), 15);
        assertThat(pq.commitOffset()).isEqualTo(10);
        assertThat(pq.fetchOffset()).isEqualTo(15);

        List<MessageView> first = new ArrayList<>();
        pq.claim(2, first);
        assertThat(first).extracting(MessageView::queueOffset).containsExactly(10L, 12L);
        List<MessageView> second = new ArrayList<>();
        pq.claim(2, second);
        assertThat(second).extracting(MessageView::queueOffset).containsExactly(14L);

        pq.markDone(second); // finished out of order: 10 and 12 still pending
        assertThat(pq.commitOffset()).isEqualTo(10);
        pq.markDone(first);
        assertThat(pq.commitOffset()).isEqualTo(15);
        assertThat(pq.bufferedMessages()).isZero();
    }

    @Test
    void fetchingPausesAboveTheBufferedMessageLimit() {
        ProcessQueue pq = new ProcessQueue(QUEUE, TagFilter.ALL, 0, 2, 1 << 20);
        assertThat(pq.fetchAllowed()).isTrue();
        pq.add(List.of(at(0), at(1)), 2);
        assertThat(pq.fetchAllowed()).isFalse();
        List<MessageView> batch = new ArrayList<>();
        pq.claim(1, batch);
        pq.markDone(batch);
        assertThat(pq.fetchAllowed()).isTrue();
    }
}
