/**
 * Idempotent consumption: run a listener's business logic once per business key, however often
 * the message carrying that key is delivered.
 *
 * <p>RocketMQ delivers at least once: a send the application repeats after a timeout, a rebalance,
 * or a consumer restarting before its offset was committed all deliver a message again, the first
 * under a new message id. {@link io.rocklet.mq.client.idempotency.Idempotent} wraps a
 * listener so that it records, per {@code (namespace, key)}, that a key is being consumed and
 * then that it was consumed, in a {@link io.rocklet.mq.client.idempotency.DedupStore}:
 * {@link io.rocklet.mq.client.idempotency.MemoryDedupStore} for one process,
 * {@link io.rocklet.mq.client.idempotency.JdbcDedupStore} for several processes sharing a
 * database. See {@code docs/idempotency.md}.
 */
package io.rocklet.mq.client.idempotency;
