package io.rocklet.mq.client;

import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.client.codec.DecodedMessage;
import io.rocklet.mq.client.protocol.ArrivalListener;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.PullRequest;
import io.rocklet.mq.client.protocol.PullResponse;
import io.rocklet.mq.client.protocol.PullStatus;
import io.rocklet.mq.client.protocol.TagFilter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One pull, decoded: the messages that pass the tag re-check (the broker filtered by hash only),
 * and where the next pull starts.
 */
record Fetched(PullStatus status, List<MessageView> messages, long nextOffset) {

    static Fetched pull(BrokerApi broker, String group, MessageQueue queue, long offset, int maxMessages,
                        TagFilter filter, long commitOffset, ArrivalListener listener) {
        PullResponse response = broker.pull(new PullRequest(group, queue.topic(), queue.queueId(), offset, maxMessages,
                filter, commitOffset, listener));
        if (response.status() != PullStatus.FOUND) {
            response.release();
            return new Fetched(response.status(), List.of(), response.nextBeginOffset());
        }
        List<MessageView> messages = new ArrayList<>(response.records().size());
        try {
            for (ByteBuffer record : response.records()) {
                DecodedMessage message = new DecodedMessage(record, queue); // copies: the lease can go
                if (filter.matchesAll() || filter.matchesTag(message.tag())) { // tag() parses properties
                    messages.add(message);
                }
            }
        } finally {
            response.release();
        }
        return new Fetched(PullStatus.FOUND, messages, response.nextBeginOffset());
    }
}
