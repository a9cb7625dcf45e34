package io.rocklet.mq.client.remoting;

/** A request that cannot be served; answered with {@link #code()} and the message as remark. */
public final class RemotingException extends RuntimeException {
    private final int code;

    public RemotingException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
