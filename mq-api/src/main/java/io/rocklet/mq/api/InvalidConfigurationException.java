package io.rocklet.mq.api;

/** A builder was given a value it cannot work with (a null listener, a negative size, ...). */
public class InvalidConfigurationException extends MQException {
    public InvalidConfigurationException(String message) {
        super(message);
    }
}
