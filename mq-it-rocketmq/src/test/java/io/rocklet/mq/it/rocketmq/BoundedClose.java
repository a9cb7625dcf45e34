package io.rocklet.mq.it.rocketmq;

import java.time.Duration;

/**
 * Runs a shutdown sequence on its own daemon thread and waits for it a bounded time: RocketMQ's
 * graceful shutdown takes 13-19 s here, and a test class must not wait for all of it. Past the
 * bound the sequence goes on in the background (the JVM may exit without it).
 */
final class BoundedClose {
    private BoundedClose() {
    }

    /** Starts {@code steps} in order on a new thread and returns it without waiting. */
    static Thread start(String what, Runnable... steps) {
        Thread closer = new Thread(() -> {
            for (Runnable step : steps) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    System.err.println("rocketmq: closing " + what + ": " + e);
                }
            }
        }, "rocketmq-close-" + what);
        closer.setDaemon(true);
        closer.start();
        return closer;
    }

    /** Waits for {@code closer} until {@code deadlineNanos} ({@link System#nanoTime()}); true if it finished. */
    static boolean await(Thread closer, long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                closer.join(Math.max(1, Duration.ofNanos(left).toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !closer.isAlive();
    }
}
