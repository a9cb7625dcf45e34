package io.rocklet.mq.client;

/** A producer's settings. */
record ProducerConfig(String group, long sendTimeoutNanos, int retries, int maxMessageBytes) {
}
