package io.rocklet.mq.api.internal;

import java.nio.charset.StandardCharsets;

/** Uppercase hex of 128-bit ids kept as two longs (RocketMQ's message ids). */
public final class Hex {
    private static final byte[] DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private Hex() {
    }

    public static byte digit(int nibble) {
        return DIGITS[nibble & 0xF];
    }

    /** 32 hex chars: {@code high} then {@code low}. */
    public static String of(long high, long low) {
        byte[] chars = new byte[32];
        for (int i = 0; i < 16; i++) {
            chars[i] = digit((int) (high >>> (60 - 4 * i)));
            chars[16 + i] = digit((int) (low >>> (60 - 4 * i)));
        }
        return new String(chars, StandardCharsets.US_ASCII);
    }
}
