package io.rocklet.mq.client.codec;

import java.nio.ByteBuffer;

/** UTF-8 written char by char into a buffer, so the send path makes no {@code byte[]} per string. */
final class Utf8 {
    private Utf8() {
    }

    static int length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    static void write(ByteBuffer dst, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                dst.put((byte) c);
            } else if (c < 0x800) {
                dst.put((byte) (0xC0 | (c >> 6)));
                dst.put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                dst.put((byte) (0xF0 | (cp >> 18)));
                dst.put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                dst.put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                dst.put((byte) (0x80 | (cp & 0x3F)));
            } else {
                char out = Character.isSurrogate(c) ? '\uFFFD' : c; // a lone surrogate, as 3 bytes
                dst.put((byte) (0xE0 | (out >> 12)));
                dst.put((byte) (0x80 | ((out >> 6) & 0x3F)));
                dst.put((byte) (0x80 | (out & 0x3F)));
            }
        }
    }
}
