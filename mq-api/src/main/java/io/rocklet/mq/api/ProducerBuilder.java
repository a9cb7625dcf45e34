package io.rocklet.mq.api;

import java.time.Duration;

/** Configures and starts a {@link Producer}. Not thread-safe. */
public interface ProducerBuilder {
    /** The producer group (default {@code "DEFAULT_PRODUCER_GROUP"}). */
    ProducerBuilder group(String group);

    /** How long a send may take, back-pressure waits included (default 3 s). */
    ProducerBuilder sendTimeout(Duration timeout);

    /** Retries of a failed sync send, on another queue (default 2). */
    ProducerBuilder retries(int retries);

    /** Largest encoded message or batch accepted (default 4 MiB). */
    ProducerBuilder maxMessageBytes(int bytes);

    Producer build();
}
