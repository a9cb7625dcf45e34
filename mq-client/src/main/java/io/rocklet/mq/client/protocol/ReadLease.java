package io.rocklet.mq.client.protocol;

/**
 * What a reader holds while records of a {@link PullResponse} alias store memory: the store does
 * not reuse that memory until the lease is released. Release once, after copying the records.
 */
@FunctionalInterface
public interface ReadLease {
    ReadLease NONE = () -> {
    };

    void release();
}
