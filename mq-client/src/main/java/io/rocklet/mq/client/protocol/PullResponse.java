package io.rocklet.mq.client.protocol;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A pull's answer. {@code records} are read-only slices of stored records (decode them with the
 * codec); they stay valid until {@link #release()}, which the reader calls once it has copied them.
 */
public record PullResponse(PullStatus status, long nextBeginOffset, long minOffset, long maxOffset,
                           List<ByteBuffer> records, ReadLease lease) {

    /** An answer without records. */
    public PullResponse(PullStatus status, long nextBeginOffset, long minOffset, long maxOffset) {
        this(status, nextBeginOffset, minOffset, maxOffset, List.of(), ReadLease.NONE);
    }

    public void release() {
        lease.release();
    }
}
