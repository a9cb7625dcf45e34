package io.rocklet.mq.bench.peers;

import java.time.Duration;

/**
 * Runs a shutdown sequence on its own thread and waits for it a bounded time: a peer that hangs
 * while stopping must not hang the run. Past the bound the sequence goes on in the background (the
 * JVM exits without it) and stderr says so.
 */
final class BoundedClose {
    private BoundedClose() {
    }

    static void run(String what, Duration bound, Runnable... steps) {
        Thread closer = new Thread(() -> {
            for (Runnable step : steps) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    System.err.println("peers: closing " + what + ": " + e);
                }
            }
        }, "peers-close-" + what);
        closer.setDaemon(true);
        long start = System.nanoTime();
        closer.start();
        try {
            closer.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            System.err.printf("peers: %s still closing after %d ms; left to finish in the background%n",
                    what, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
