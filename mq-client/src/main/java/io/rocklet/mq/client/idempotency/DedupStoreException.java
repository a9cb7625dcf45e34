package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.MQException;

/**
 * A {@link DedupStore} could not read or write a record (a database error, a key too long for the
 * table). The delivery that hit it is not consumed and comes back later.
 */
public class DedupStoreException extends MQException {
    public DedupStoreException(String message) {
        super(message);
    }

    public DedupStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
