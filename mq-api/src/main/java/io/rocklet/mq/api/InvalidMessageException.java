package io.rocklet.mq.api;

/** A message value is not acceptable: topic, tag, keys, a property, or the body. Fix the input. */
public class InvalidMessageException extends MQException {
    public InvalidMessageException(String message) {
        super(message);
    }
}
