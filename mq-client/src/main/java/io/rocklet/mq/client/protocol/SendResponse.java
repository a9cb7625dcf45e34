package io.rocklet.mq.client.protocol;

/** The broker's answer to a send; in-process a reusable holder filled by the broker. */
public final class SendResponse {
    public SendStatus status;
    /** Physical offset of the first record stored. */
    public long physicalOffset;
    public int queueId;
    /** Queue offset of the first record stored. */
    public long queueOffset;
    /** How durable the stored records are now. */
    public io.rocklet.mq.api.FlushPolicy flushPolicy = io.rocklet.mq.api.FlushPolicy.NONE;
    /**
     * Physical offset of each record of a batch when the broker stored them at sizes of its own
     * (a remote broker); null when they follow each other as sent.
     */
    public long[] batchPhysicalOffsets;
    /** Why a send failed, for the exception message. */
    public String remark;

    public void clear() {
        status = null;
        physicalOffset = -1;
        queueOffset = -1;
        remark = null;
        batchPhysicalOffsets = null;
        flushPolicy = io.rocklet.mq.api.FlushPolicy.NONE;
    }
}
