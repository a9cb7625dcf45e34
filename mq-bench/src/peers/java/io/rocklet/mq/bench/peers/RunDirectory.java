package io.rocklet.mq.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for this JVM's broker stores (and logs unless kept elsewhere), deleted at exit. */
final class RunDirectory {
    private final Path root;

    RunDirectory() throws IOException {
        root = Files.createTempDirectory("rocklet-peers-");
        Runtime.getRuntime().addShutdownHook(new Thread(this::delete, "peers-delete-run-directory"));
    }

    Path root() {
        return root;
    }

    /** A fresh directory for one broker instance's files. */
    Path instance(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    private void delete() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a broker still closing in the background may be writing; what is left is in the temp dir
        }
    }
}
