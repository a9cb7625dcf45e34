package io.rocklet.mq.api;

/** A producer, consumer or client factory was used after {@code close()}. */
public class ClientClosedException extends MQException {
    public ClientClosedException(String what) {
        super(what + " is closed");
    }
}
