package io.rocklet.mq.testkit;

/** The {@code host:port} official clients use as name server; injected by {@link RockletExtension}. */
public record NameServer(String address) {
}
