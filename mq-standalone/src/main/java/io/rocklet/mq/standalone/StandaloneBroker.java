package io.rocklet.mq.standalone;

import io.rocklet.mq.broker.EmbeddedBroker;

import java.util.concurrent.CountDownLatch;

/**
 * A local RocketMQ-compatible broker without Docker or a RocketMQ install:
 * {@code java -jar rocklet-broker.jar [--port 9876] [--bind 127.0.0.1] [--name broker-a] [--data-dir DIR]}
 * (without a data directory the store is in memory). Prints
 * the name-server address when ready, serves until Ctrl-C / SIGTERM, then closes cleanly.
 */
public final class StandaloneBroker {
    private StandaloneBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar rocklet-broker.jar [--port 9876] [--bind 127.0.0.1] [--name broker-a] [--data-dir DIR]");
            System.exit(2);
            return;
        }
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().name(options.name()).tcpBind(options.bind())
                .tcpPort(options.port());
        if (options.dataDir() != null) {
            builder.dataDirectory(java.nio.file.Path.of(options.dataDir()));
        }
        EmbeddedBroker broker = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "rocklet-standalone-shutdown"));
        System.out.println("Rocklet broker " + options.name() + " ready; name server at " + broker.nameServerAddress()
                + (options.bind().startsWith("127.") ? " (loopback only)" : ""));
        stopped.await();
    }

    /** Command-line options. */
    record Options(int port, String bind, String name, String dataDir) {
        static Options parse(String[] args) {
            int port = 9876;
            String bind = "127.0.0.1";
            String name = "broker-a";
            String dataDir = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(require(args[i], value));
                    case "--bind" -> bind = require(args[i], value);
                    case "--name" -> name = require(args[i], value);
                    case "--data-dir" -> dataDir = require(args[i], value);
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
                i++;
            }
            return new Options(port, bind, name, dataDir);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
