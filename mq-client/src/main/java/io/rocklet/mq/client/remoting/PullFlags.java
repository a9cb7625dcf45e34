package io.rocklet.mq.client.remoting;

/** PULL_MESSAGE's {@code sysFlag} bits (reference §4.3), set by the client and read by the TCP endpoint. */
public final class PullFlags {
    /** {@code commitOffset} carries the consumer's progress: store it. */
    public static final int COMMIT_OFFSET = 1;
    /** The broker may hold the pull until a message lands (long poll). */
    public static final int SUSPEND = 2;
    /** {@code subscription} / {@code expressionType} of the request replace the heartbeat's. */
    public static final int SUBSCRIPTION = 4;

    private PullFlags() {
    }
}
