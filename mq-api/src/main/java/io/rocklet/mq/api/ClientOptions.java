package io.rocklet.mq.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a connection to name servers and brokers over the network ({@code rocketmq://}
 * endpoints); the in-process transport ignores them. Immutable; start from {@link #defaults()}.
 *
 * @param accessKey          RocketMQ ACL access key, or null for no signing
 * @param secretKey          RocketMQ ACL secret key (signs every request), or null
 * @param requestTimeout     how long one request waits for its answer (RocketMQ: 3 s)
 * @param connectTimeout     how long opening a connection may take
 * @param routePollInterval  how often routes of used topics are fetched again (RocketMQ: 30 s)
 * @param idleTimeout        a connection with no traffic for this long is closed (RocketMQ: 120 s)
 * @param longPollTimeout    how long a broker may hold a pull that found nothing (RocketMQ: 15 s)
 */
public record ClientOptions(String accessKey, String secretKey, Duration requestTimeout, Duration connectTimeout,
                            Duration routePollInterval, Duration idleTimeout, Duration longPollTimeout) {
    private static final ClientOptions DEFAULTS = new ClientOptions(null, null, Duration.ofSeconds(3), Duration.ofSeconds(3),
            Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(15));

    public ClientOptions {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(routePollInterval, "routePollInterval");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(longPollTimeout, "longPollTimeout");
        if ((accessKey == null) != (secretKey == null)) {
            throw new InvalidConfigurationException("give both an access key and a secret key, or neither");
        }
        for (Duration d : new Duration[]{requestTimeout, connectTimeout, routePollInterval, idleTimeout, longPollTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new InvalidConfigurationException("client timeouts and intervals must be positive: " + d);
            }
        }
        if (idleTimeout.compareTo(longPollTimeout) <= 0) {
            // a connection waiting only for a parked pull looks idle: it would be cut before the answer
            throw new InvalidConfigurationException("idleTimeout (" + idleTimeout + ") must be longer than longPollTimeout ("
                    + longPollTimeout + ")");
        }
    }

    public static ClientOptions defaults() {
        return DEFAULTS;
    }

    public ClientOptions credentials(String accessKey, String secretKey) {
        return new ClientOptions(accessKey, secretKey, requestTimeout, connectTimeout, routePollInterval, idleTimeout,
                longPollTimeout);
    }

    public ClientOptions requestTimeout(Duration timeout) {
        return new ClientOptions(accessKey, secretKey, timeout, connectTimeout, routePollInterval, idleTimeout, longPollTimeout);
    }

    public ClientOptions connectTimeout(Duration timeout) {
        return new ClientOptions(accessKey, secretKey, requestTimeout, timeout, routePollInterval, idleTimeout, longPollTimeout);
    }

    public ClientOptions routePollInterval(Duration interval) {
        return new ClientOptions(accessKey, secretKey, requestTimeout, connectTimeout, interval, idleTimeout, longPollTimeout);
    }

    public ClientOptions idleTimeout(Duration timeout) {
        return new ClientOptions(accessKey, secretKey, requestTimeout, connectTimeout, routePollInterval, timeout, longPollTimeout);
    }

    public ClientOptions longPollTimeout(Duration timeout) {
        return new ClientOptions(accessKey, secretKey, requestTimeout, connectTimeout, routePollInterval, idleTimeout, timeout);
    }

    @Override
    public String toString() {
        return "ClientOptions{accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "***")
                + ", requestTimeout=" + requestTimeout + ", connectTimeout=" + connectTimeout + ", routePollInterval="
                + routePollInterval + ", idleTimeout=" + idleTimeout + ", longPollTimeout=" + longPollTimeout + "}";
    }
}
