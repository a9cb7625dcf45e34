package io.rocklet.mq.api;

/** No broker could take the request: none is routed for the topic, or every attempt failed. */
public class BrokerUnavailableException extends MQException {
    public BrokerUnavailableException(String message) {
        super(message);
    }

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
