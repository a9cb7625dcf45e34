package io.rocklet.mq.api;

/** A send did not complete within its timeout. The message may or may not have been stored. */
public class SendTimeoutException extends MQException {
    public SendTimeoutException(String message) {
        super(message);
    }
}
