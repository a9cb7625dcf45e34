package io.rocklet.mq.api;

/**
 * A broker refused the client's credentials (RocketMQ ACL): the access key is unknown, the
 * signature does not match the secret key, or the account may not do what was asked.
 */
public class AuthenticationException extends MQException {
    public AuthenticationException(String message) {
        super(message);
    }
}
