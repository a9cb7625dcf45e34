package io.rocklet.mq.api;

/**
 * The broker's store had no room for the message within the send timeout. The message says what
 * holds the space (a group and queue that has not consumed, or the budget itself). Nothing was stored.
 */
public class StoreFullException extends MQException {
    public StoreFullException(String message) {
        super(message);
    }
}
