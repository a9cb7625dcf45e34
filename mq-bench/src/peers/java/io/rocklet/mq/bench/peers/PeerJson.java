package io.rocklet.mq.bench.peers;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One JSON line per scenario, in the shape of Rocklet's load tool (same field names and number
 * format, peak RSS and GC time appended), with the peer's name as {@code "system"}.
 */
final class PeerJson {
    private final PrintStream out;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    PeerJson(PrintStream out, String system, String scenario) {
        this.out = out;
        fields.put("system", system);
        fields.put("scenario", scenario);
    }

    PeerJson put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    /** Adds {@code name} only when non-zero, so that a line shows failures when there were some. */
    PeerJson putIfNonZero(String name, long value) {
        return value == 0 ? this : put(name, value);
    }

    void print() {
        fields.put("peak_rss_mib", peakRssMib());
        fields.put("gc_ms", gcMillis());
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(k).append("\":");
            if (v instanceof Number) {
                sb.append(v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v.toString());
            } else {
                sb.append('"').append(v).append('"');
            }
        });
        out.println(sb.append('}'));
        out.flush();
    }

    private static long peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
