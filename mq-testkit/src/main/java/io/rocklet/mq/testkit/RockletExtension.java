package io.rocklet.mq.testkit;

import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.client.inproc.InprocRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Gives each test class its own uniquely named {@link EmbeddedBroker} (injected as a parameter of
 * test methods, lifecycle methods and constructors) and, after the class, closes it and fails the
 * class if a {@code rocklet-*} thread or an in-process registry entry survived. The broker retries
 * failed messages on a test schedule ({@link #TEST_RETRY_SCHEDULE}: milliseconds, not RocketMQ's
 * 10 s and up), so retry paths run fast.
 *
 * <pre>{@code
 * @ExtendWith(RockletExtension.class)
 * class MyTest {
 *     @Test void sends(EmbeddedBroker broker) { ... }
 * }
 * }</pre>
 */
public final class RockletExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RockletExtension.class);
    /** Bounded close leaves threads a moment to exit after their owner's close() returned. */
    private static final long LEAK_GRACE_MS = 5_000;
    /** Retry delays of the extension's brokers: 50 ms, then 100 ms for every later retry. */
    public static final Duration[] TEST_RETRY_SCHEDULE = {Duration.ofMillis(50), Duration.ofMillis(100)};

    @Override
    public void beforeAll(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName() + "-" + NEXT.incrementAndGet();
        EmbeddedBroker broker = EmbeddedBroker.builder().name(name).retrySchedule(TEST_RETRY_SCHEDULE).build().start();
        context.getStore(NS).put(EmbeddedBroker.class, broker);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        EmbeddedBroker broker = context.getStore(NS).remove(EmbeddedBroker.class, EmbeddedBroker.class);
        if (broker != null) {
            broker.close();
        }
        assertNothingLeaked(context.getRequiredTestClass().getSimpleName());
    }

    /** Fails when a {@code rocklet-*} thread or registry entry is still there after the grace period. */
    public static void assertNothingLeaked(String owner) throws InterruptedException {
        long deadline = System.currentTimeMillis() + LEAK_GRACE_MS;
        List<String> threads;
        Set<String> entries;
        do {
            threads = rockletThreads();
            entries = InprocRegistry.entries();
            if (threads.isEmpty() && entries.isEmpty()) {
                return;
            }
            Thread.sleep(20); // polling for other threads to end; nothing to wait on instead
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError(owner + " leaked after close(): threads " + threads + ", registry entries " + entries);
    }

    private static List<String> rockletThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("rocklet-"))
                .sorted()
                .collect(Collectors.toList());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // A method context's store also sees what its class context stored.
        return context.getStore(NS).get(EmbeddedBroker.class, EmbeddedBroker.class);
    }
}
