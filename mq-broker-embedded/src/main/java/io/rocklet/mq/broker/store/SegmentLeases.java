package io.rocklet.mq.broker.store;

import io.rocklet.mq.client.protocol.ReadLease;

import java.util.ArrayList;
import java.util.List;

/** The segments one pull batch reads from (usually one), released together by the puller. */
public final class SegmentLeases implements ReadLease {
    private Segment current;
    private List<Segment> earlier;

    /**
     * The acquired segment holding {@code physicalOffset}: the current one when it holds it, else a
     * newly acquired one. Null when that segment is gone.
     */
    public Segment segmentFor(CommitLog log, long physicalOffset) {
        if (current != null && log.contains(current, physicalOffset)) {
            return current;
        }
        Segment next = log.acquire(physicalOffset);
        if (next != null && current != null) {
            if (earlier == null) {
                earlier = new ArrayList<>(2);
            }
            earlier.add(current);
        }
        if (next != null) {
            current = next;
        }
        return next;
    }

    @Override
    public void release() {
        if (current != null) {
            current.release();
            current = null;
        }
        if (earlier != null) {
            earlier.forEach(Segment::release);
            earlier = null;
        }
    }
}
