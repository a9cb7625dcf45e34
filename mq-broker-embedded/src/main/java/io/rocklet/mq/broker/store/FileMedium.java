package io.rocklet.mq.broker.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CommitLog segments as memory-mapped files {@code <dir>/<first offset, 20 digits>}. A new file is
 * written with zeros before it is mapped, so a full disk shows as a failed segment (a full store),
 * never as a SIGBUS under a later write.
 */
public final class FileMedium implements SegmentMedium {
    private static final Logger LOG = LoggerFactory.getLogger("io.rocklet.mq.broker.store");
    private static final int ZERO_CHUNK = 1 << 20;
    private final Path dir;
    /** Open channels of mapped segments, closed with them; by identity (a buffer's equals reads its bytes). */
    private final java.util.Map<ByteBuffer, FileChannel> channels =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    /** The next segment, written with zeros ahead of need on its own thread. */
    private final java.util.concurrent.ExecutorService ahead = java.util.concurrent.Executors.newSingleThreadExecutor(
            new io.rocklet.mq.client.internal.NamedThreadFactory("segment-ahead"));
    private volatile java.util.concurrent.Future<ByteBuffer> next;
    private volatile long nextOffset = -1;

    public FileMedium(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public boolean durable() {
        return true;
    }

    static String name(long firstOffset) {
        return String.format("%020d", firstOffset);
    }

    @Override
    public ByteBuffer create(long firstOffset, int bytes) {
        ByteBuffer segment = null;
        java.util.concurrent.Future<ByteBuffer> prepared = next;
        if (prepared != null && nextOffset == firstOffset) {
            try {
                segment = prepared.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("preparing segment {} failed: {}", name(firstOffset), e.getCause().toString());
            }
        }
        if (segment == null) {
            segment = createNow(firstOffset, bytes);
        }
        if (segment != null) {
            long following = firstOffset + bytes;
            nextOffset = following;
            try {
                next = ahead.submit(() -> createNow(following, bytes));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                next = null; // closing
            }
        }
        return segment;
    }

    private ByteBuffer createNow(long firstOffset, int bytes) {
        Path file = dir.resolve(name(firstOffset));
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ByteBuffer zeros = ByteBuffer.allocate(ZERO_CHUNK);
            for (long at = 0; at < bytes; at += ZERO_CHUNK) {
                zeros.clear().limit((int) Math.min(ZERO_CHUNK, bytes - at));
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            channel.force(true);
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
            channels.put(mapped, channel);
            return mapped;
        } catch (IOException e) {
            closeQuietly(channel);
            LOG.error("cannot create segment {} ({} bytes): {}; the store refuses writes until there is room", file, bytes,
                    e.toString());
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the next attempt overwrites it
            }
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Closes and unmaps a segment, keeping its file. */
    void let(ByteBuffer segment) {
        closeQuietly(channels.remove(segment));
        unmap(segment);
    }

    @Override
    public void free(long firstOffset, ByteBuffer segment) {
        let(segment);
        try {
            Files.deleteIfExists(dir.resolve(name(firstOffset)));
        } catch (IOException e) {
            LOG.warn("cannot delete segment {}: {}", name(firstOffset), e.toString());
        }
    }

    @Override
    public void close(long firstOffset, ByteBuffer segment) {
        ((MappedByteBuffer) segment).force();
        closeQuietly(channels.remove(segment));
        unmap(segment);
    }

    @Override
    public void force(ByteBuffer segment, int from, int to) {
        if (to <= from) {
            return;
        }
        // msync of the written range: measured far cheaper here than fdatasync of a file with a
        // 64 MiB mapping (which walks the whole mapping).
        ((MappedByteBuffer) segment).force(from, to - from);
    }

    /** Stops preparing segments; a prepared one not taken is deleted (recovery would ignore it anyway). */
    @Override
    public void shutdown() {
        ahead.shutdown(); // not shutdownNow: an interrupted preparation would log a false disk error
        java.util.concurrent.Future<ByteBuffer> prepared = next;
        if (prepared != null) {
            try {
                ByteBuffer unused = prepared.get(5, java.util.concurrent.TimeUnit.SECONDS);
                if (unused != null) {
                    free(nextOffset, unused);
                }
            } catch (Exception e) {
                // not prepared: nothing to delete
            }
        }
    }

    /** The existing segment files, mapped, by first offset; files whose size is not {@code bytes} are moved aside. */
    public TreeMap<Long, ByteBuffer> openExisting(int bytes) {
        TreeMap<Long, ByteBuffer> segments = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().matches("\\d{20}")).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        for (Path file : files) {
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                long size = channel.size();
                if (size != bytes) {
                    channel.close();
                    LOG.warn("segment {} has {} bytes, not {}: moved aside", file, size, bytes);
                    moveAside(Long.parseLong(file.getFileName().toString()));
                    continue;
                }
                MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
                channels.put(mapped, channel);
                segments.put(Long.parseLong(file.getFileName().toString()), mapped);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open segment " + file, e);
            }
        }
        return segments;
    }

    /** Renames a segment file out of the log ({@code .damaged}), keeping its bytes for inspection. */
    void moveAside(long firstOffset) {
        Path file = dir.resolve(name(firstOffset));
        try {
            Files.move(file, dir.resolve(name(firstOffset) + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("cannot move {} aside: {}", file, e.toString());
        }
    }

    /** Copies {@code [from, to)} of a segment next to it as {@code .damaged-<from>}, for inspection. */
    void saveAside(long firstOffset, ByteBuffer segment, int from, int to) {
        Path file = dir.resolve(name(firstOffset) + ".damaged-" + from);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer tail = segment.duplicate().position(from).limit(to);
            while (tail.hasRemaining()) {
                channel.write(tail);
            }
        } catch (IOException e) {
            LOG.warn("cannot save the damaged tail of {}: {}", name(firstOffset), e.toString());
        }
    }

    /** Unmaps at once (else the mapping lives until GC); best effort. */
    static void unmap(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            return;
        }
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            java.lang.reflect.Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            Method invokeCleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
            invokeCleaner.invoke(unsafe, buffer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // left to the GC
        }
    }
}
