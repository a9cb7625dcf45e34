package io.rocklet.mq.api;

/**
 * Root of every exception Rocklet throws. Unchecked; each subclass names one thing a caller can
 * act on, and its message carries the offending value.
 */
public class MQException extends RuntimeException {
    public MQException(String message) {
        super(message);
    }

    public MQException(String message, Throwable cause) {
        super(message, cause);
    }
}
