package io.rocklet.mq.it.rocketmq;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link RealRocketMq} per test class:
 * <pre>{@code
 * @RegisterExtension
 * static final RealRocketMqExtension rocketmq = RealRocketMqExtension.brokers(2);
 * // or RealRocketMqExtension.brokers(1).withAcl("rocklet-ak", "rocklet-sk")
 * }</pre>
 * Register it on a static field: it starts before the first test of the class, and after the last
 * one asserts {@link RealRocketMq#assertLoopbackOnly()} and closes (a bounded wait). Test methods
 * may also take a {@link RealRocketMq} parameter. Creating the extension sets the JVM-wide
 * properties RocketMQ reads once, so it must happen before any RocketMQ class is used.
 */
public final class RealRocketMqExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final int brokers;
    private final String accessKey;
    private final String secretKey;
    private RealRocketMq rocketmq;
    private Class<?> owner;

    private RealRocketMqExtension(int brokers, String accessKey, String secretKey) {
        RocketMqJvm.prepare();
        this.brokers = brokers;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** A name server and {@code count} brokers ("broker-a", "broker-b", ...). */
    public static RealRocketMqExtension brokers(int count) {
        RealRocketMq.builder().brokers(count);
        return new RealRocketMqExtension(count, null, null);
    }

    /** The same brokers checking RocketMQ's plain ACL, with one admin account (keys longer than 6). */
    public RealRocketMqExtension withAcl(String accessKey, String secretKey) {
        RealRocketMq.builder().acl(accessKey, secretKey);
        return new RealRocketMqExtension(brokers, accessKey, secretKey);
    }

    /** The running instance (between the class's first and last test). */
    public RealRocketMq rocketmq() {
        if (rocketmq == null) {
            throw new IllegalStateException("RocketMQ is not running: register the extension on a static field");
        }
        return rocketmq;
    }

    /** "127.0.0.1:port" of the running name server. */
    public String nameServerAddress() {
        return rocketmq().nameServerAddress();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // Nested classes run the callbacks of their enclosing class's extensions too: start once.
        if (rocketmq != null) {
            return;
        }
        RealRocketMq.Builder builder = RealRocketMq.builder().brokers(brokers);
        if (accessKey != null) {
            builder.acl(accessKey, secretKey);
        }
        rocketmq = builder.start();
        owner = context.getRequiredTestClass();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (rocketmq == null || context.getRequiredTestClass() != owner) {
            return;
        }
        try {
            rocketmq.assertLoopbackOnly();
        } finally {
            rocketmq.close();
            rocketmq = null;
            owner = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealRocketMq.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return rocketmq();
    }
}
