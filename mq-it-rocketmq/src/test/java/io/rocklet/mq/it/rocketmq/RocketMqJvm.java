package io.rocklet.mq.it.rocketmq;

import org.apache.rocketmq.common.MQVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JVM-wide system properties Apache RocketMQ 5.2.0 reads once (most in static initializers),
 * so they are set before any of its classes starts: {@link RealRocketMqExtension}'s factories and
 * {@link RealRocketMq.Builder#start()} call {@link #prepare()} first.
 */
final class RocketMqJvm {
    /** Where stores, logs and the test JVM's {@code user.home} go; a temporary directory if unset. */
    static final String DIR_PROPERTY = "rocklet.rocketmq.dir";
    static final String LOG_ROOT_PROPERTY = "rocketmq.log.root";

    private static final List<Path> instances = new ArrayList<>();
    private static Path root;

    private RocketMqJvm() {
    }

    static synchronized Path prepare() {
        if (root != null) {
            return root;
        }
        try {
            String configured = System.getProperty(DIR_PROPERTY);
            Path dir = configured != null
                    ? Files.createDirectories(Path.of(configured).toAbsolutePath())
                    : Files.createTempDirectory("rocklet-rocketmq-");
            // The startup classes of the name server and broker set it; an embedded start must. Without
            // it the broker registers with version 0, the name server decodes the old format and records
            // no topics until the next periodic registration ~10 s later.
            System.setProperty("rocketmq.remoting.version", Integer.toString(MQVersion.CURRENT_VERSION));
            // Plain TCP on loopback. The default ("permissive") also makes the name server watch
            // certificate files, a step LoopbackNamesrvController's start would have to repeat.
            System.setProperty("tls.server.mode", "disabled");
            // Name server, store and client defaults live under ~ (logs, offsets of broadcasting
            // consumers); everything is configured explicitly, this catches what is not.
            System.setProperty("user.home", Files.createDirectories(dir.resolve("home")).toString());
            // Read by rmq.logback-test.xml: RocketMQ's own (shaded) logging.
            if (System.getProperty(LOG_ROOT_PROPERTY) == null) {
                System.setProperty(LOG_ROOT_PROPERTY, dir.resolve("logs").toString());
            }
            root = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fresh directory for one {@link RealRocketMq}. All of them are deleted when the JVM exits:
     * a broker's shutdown outlasts a test class, so most are still in use until then.
     */
    static synchronized Path newInstanceDirectory() throws IOException {
        Path dir = Files.createTempDirectory(prepare(), "instance-");
        if (instances.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instances.forEach(RocketMqJvm::deleteQuietly),
                    "rocketmq-delete-stores"));
        }
        instances.add(dir);
        return dir;
    }

    static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // files still being written by a broker that is stopping: leave the rest
        }
    }

    /** RocketMQ's log file (rmq.logback-test.xml), one per JVM. */
    static Path logFile() {
        prepare();
        return Path.of(System.getProperty(LOG_ROOT_PROPERTY), "rocketmq.log");
    }
}
