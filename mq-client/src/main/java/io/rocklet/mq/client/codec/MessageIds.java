package io.rocklet.mq.client.codec;

import io.rocklet.mq.api.internal.Hex;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RocketMQ's two message ids.
 *
 * <pre>
 * unique id (UNIQ_KEY), 16 bytes, 32 uppercase hex chars:
 *   | IPv4 (4) | pid (2) | class-loader hash (4) | ms since start of month (4) | counter (2) |
 *   kept as two longs: high = bytes 0..7, low = bytes 8..15
 * offset id, 16 bytes, 32 uppercase hex chars:
 *   | store host IPv4 (4) | store host port (4) | physical offset (8) |
 * </pre>
 * The unique id is made once per message and kept across send retries; a {@code String} is made
 * only when someone asks for it.
 */
public final class MessageIds {
    public static final int HEX_LENGTH = 32;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long HIGH;
    private static final long CLASS_LOADER_LOW16;
    private static final int LOCAL_IPV4;
    private static volatile long monthStartMs;
    private static volatile long nextMonthStartMs;

    static {
        int ip = localIpv4();
        LOCAL_IPV4 = ip;
        int pid = (int) ProcessHandle.current().pid();
        int classLoaderHash = System.identityHashCode(MessageIds.class.getClassLoader());
        HIGH = ((long) ip << 32) | ((long) (pid & 0xFFFF) << 16) | ((classLoaderHash >>> 16) & 0xFFFF);
        CLASS_LOADER_LOW16 = classLoaderHash & 0xFFFFL;
        setMonth(System.currentTimeMillis());
    }

    private MessageIds() {
    }

    /** This client's host for the record's born-host field (port 0: in-process there is none). */
    public static long bornHost() {
        return host(LOCAL_IPV4, 0);
    }

    /** The constant high half of every unique id made in this JVM. */
    public static long uniqueIdHigh() {
        return HIGH;
    }

    /** A fresh low half of a unique id for a message born at {@code nowMs}. */
    public static long nextUniqueIdLow(long nowMs) {
        if (nowMs >= nextMonthStartMs) {
            setMonth(nowMs);
        }
        long sinceMonthStart = (nowMs - monthStartMs) & 0xFFFFFFFFL;
        int counter = COUNTER.getAndIncrement() & 0xFFFF;
        return (CLASS_LOADER_LOW16 << 48) | (sinceMonthStart << 16) | counter;
    }

    /** Writes 32 hex chars of the two longs at the buffer's position. */
    public static void writeHex(ByteBuffer dst, long high, long low) {
        writeHex(dst, high);
        writeHex(dst, low);
    }

    public static String toHex(long high, long low) {
        return Hex.of(high, low);
    }

    /** The offset id of a record stored at {@code physicalOffset} by the host {@code storeHost}. */
    public static String offsetId(long storeHost, long physicalOffset) {
        return toHex(storeHost, physicalOffset);
    }

    /** Store host as one long: IPv4 in the high 32 bits, port in the low 32 (the record's 8 bytes). */
    public static long host(int ipv4, int port) {
        return ((long) ipv4 << 32) | (port & 0xFFFFFFFFL);
    }

    /** An IPv4 address's four bytes as an int (the form store and born hosts use). */
    public static int ipv4(byte[] address) {
        return ByteBuffer.wrap(address).getInt();
    }

    /** The physical offset inside an IPv4 offset id. */
    public static long physicalOffsetOf(String offsetId) {
        if (offsetId.length() != HEX_LENGTH) {
            throw new IllegalArgumentException("not an IPv4 offset id: " + offsetId);
        }
        return Long.parseUnsignedLong(offsetId, 16, HEX_LENGTH, 16);
    }

    private static void writeHex(ByteBuffer dst, long v) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            dst.put(Hex.digit((int) (v >>> shift)));
        }
    }

    private static synchronized void setMonth(long nowMs) {
        ZonedDateTime start = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(nowMs), java.time.ZoneId.systemDefault())
                .withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        monthStartMs = start.toInstant().toEpochMilli();
        nextMonthStartMs = start.plusMonths(1).toInstant().toEpochMilli();
    }

    /** This host's first non-loopback IPv4 address (read locally, nothing is dialled), else 127.0.0.1. */
    private static int localIpv4() {
        try {
            // Address checks only: isUp()/isLoopback() per interface cost tens of ms at start.
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return ipv4(address.getAddress());
                    }
                }
            }
        } catch (Exception e) {
            // fall through to loopback: the id stays unique within this JVM
        }
        return 0x7F000001;
    }
}
