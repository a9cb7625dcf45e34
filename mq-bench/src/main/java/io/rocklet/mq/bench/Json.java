package io.rocklet.mq.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON line per scenario on stdout, with the JVM's peak RSS and GC time appended. */
final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Json(String scenario) {
        this("rocklet", scenario);
    }

    /** A line of another system's column, e.g. {@code rocklet-tcp} for the TCP endpoint's. */
    Json(String system, String scenario) {
        fields.put("system", system);
        fields.put("scenario", scenario);
    }

    Json put(String name, Object value) {
        fields.put(name, value);
        return this;
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
                sb.append(v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.2f", d) : v.toString());
            } else {
                sb.append('"').append(v).append('"');
            }
        });
        System.out.println(sb.append('}'));
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
