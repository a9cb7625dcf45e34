/**
 * The broker protocol: the only way the client reaches name servers and brokers. Calls carry the
 * fields of RocketMQ's remoting commands, so the in-process transport (direct calls) and a remoting
 * transport are two implementations of the same shapes. Internal: may change without notice.
 */
package io.rocklet.mq.client.protocol;
