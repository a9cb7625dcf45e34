package io.rocklet.mq.testkit;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.client.inproc.InprocRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Gives each test class (or, with {@link RockletBroker#perTest()}, each test) its own uniquely named
 * {@link EmbeddedBroker}, injected as a parameter of test methods, lifecycle methods and
 * constructors together with ready {@link io.rocklet.mq.api.Clients} and, with
 * {@link RockletBroker#tcp()}, the {@link NameServer} address for official clients; after the
 * class it closes them and fails the
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
public final class RockletExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RockletExtension.class);
    /** Bounded close leaves threads a moment to exit after their owner's close() returned. */
    private static final long LEAK_GRACE_MS = 5_000;
    /** Retry delays of the extension's brokers: 50 ms, then 100 ms for every later retry. */
    public static final Duration[] TEST_RETRY_SCHEDULE = {Duration.ofMillis(50), Duration.ofMillis(100)};

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!settings(context).perTest()) {
            startBroker(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).perTest()) {
            startBroker(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (settings(context).perTest()) {
            stopBroker(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (!settings(context).perTest()) {
            stopBroker(context);
        }
        assertNothingLeaked(context.getRequiredTestClass().getSimpleName());
    }

    private static Settings settings(ExtensionContext context) {
        RockletBroker annotation = context.getRequiredTestClass().getAnnotation(RockletBroker.class);
        return annotation == null ? new Settings(false, false, "")
                : new Settings(annotation.tcp(), annotation.perTest(), annotation.nameServerProperty());
    }

    private record Settings(boolean tcp, boolean perTest, String nameServerProperty) {
    }

    private static void startBroker(ExtensionContext context) {
        Settings settings = settings(context);
        String name = context.getRequiredTestClass().getSimpleName() + "-" + NEXT.incrementAndGet();
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().name(name).retrySchedule(TEST_RETRY_SCHEDULE);
        if (settings.tcp()) {
            builder.tcp();
        }
        EmbeddedBroker broker = builder.build().start();
        ExtensionContext.Store store = context.getStore(NS);
        store.put(EmbeddedBroker.class, broker);
        store.put(Clients.class, broker.clients());
        if (settings.tcp() && !settings.nameServerProperty().isEmpty()) {
            System.setProperty(settings.nameServerProperty(), broker.nameServerAddress());
        }
    }

    private static void stopBroker(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NS);
        Clients clients = store.remove(Clients.class, Clients.class);
        if (clients != null) {
            clients.close();
        }
        EmbeddedBroker broker = store.remove(EmbeddedBroker.class, EmbeddedBroker.class);
        if (broker != null) {
            broker.close();
        }
        String property = settings(context).nameServerProperty();
        if (!property.isEmpty()) {
            System.clearProperty(property);
        }
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
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedBroker.class || type == Clients.class || type == NameServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // A method context's store also sees what its class context stored.
        ExtensionContext.Store store = context.getStore(NS);
        Class<?> type = parameter.getParameter().getType();
        if (type == Clients.class) {
            return store.get(Clients.class, Clients.class);
        }
        EmbeddedBroker broker = store.get(EmbeddedBroker.class, EmbeddedBroker.class);
        if (type == NameServer.class) {
            if (broker == null) {
                throw new org.junit.jupiter.api.extension.ParameterResolutionException(
                        "no broker yet: a per-test broker is not there for class-level methods");
            }
            return new NameServer(broker.nameServerAddress());
        }
        return broker;
    }
}
