package io.rocklet.mq.api;

/**
 * The backend behind the endpoint cannot do what was asked (for example an admin call that only
 * the embedded broker offers); the message says what and why.
 */
public class UnsupportedFeatureException extends MQException {
    public UnsupportedFeatureException(String message) {
        super(message);
    }
}
