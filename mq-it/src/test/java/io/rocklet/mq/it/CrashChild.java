package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.FlushPolicy;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The process {@link CrashIT} kills: a broker on a data directory and a producer that prints
 * {@code ACK <message id> <body>} for every send that returned, until it is killed.
 * Arguments: data directory, flush policy, cycle number.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        FlushPolicy policy = FlushPolicy.valueOf(args[1]);
        String cycle = args[2];
        PrintStream out = new PrintStream(System.out, true);
        try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDirectory(dir).flushPolicy(policy)
                .flushInterval(java.time.Duration.ofMillis(50)).segmentBytes(1 << 20).build().start();
             Clients clients = broker.clients()) {
            Producer producer = clients.producer().build();
            out.println("READY");
            for (long i = 0; ; i++) {
                String body = "c" + cycle + "-" + i + "-" + "p".repeat((int) (i % 300));
                SendResult result = producer.send(Message.builder("Crash").keys("c" + cycle).body(body).build());
                out.println("ACK " + result.messageId() + " " + body);
            }
        }
    }
}
