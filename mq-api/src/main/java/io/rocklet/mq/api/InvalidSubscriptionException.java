package io.rocklet.mq.api;

/** A subscription expression cannot be parsed, e.g. {@code "TagA ||"}. */
public class InvalidSubscriptionException extends MQException {
    public InvalidSubscriptionException(String message) {
        super(message);
    }
}
