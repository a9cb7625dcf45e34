package io.rocklet.mq.client.internal;

import io.rocklet.mq.api.PushConsumer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Failure injection for tests of at-least-once delivery. Not for applications. */
public final class TestHooks {
    private TestHooks() {
    }

    /**
     * Stops a push consumer as if its process died: no offset commit, no unregister, running
     * listeners interrupted and their results dropped. The broker notices when its heartbeats
     * expire ({@code clientExpiry}).
     */
    public static void crash(PushConsumer consumer) {
        try {
            // Reflection keeps crash() off the runtime's public surface.
            Method crash = consumer.getClass().getDeclaredMethod("crash");
            crash.setAccessible(true);
            crash.invoke(consumer);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException("not a Rocklet push consumer: " + consumer, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("crash of " + consumer + " failed", e.getCause());
        }
    }
}
