package io.rocklet.mq.client.protocol;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A pull's answer. {@code records} are read-only slices of stored records (decode them with the
 * codec); they stay valid until the consumer commits past them.
 */
public record PullResponse(PullStatus status, long nextBeginOffset, long minOffset, long maxOffset,
                           List<ByteBuffer> records) {
}
