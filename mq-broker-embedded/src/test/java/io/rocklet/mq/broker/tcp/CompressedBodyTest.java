package io.rocklet.mq.broker.tcp;

import io.rocklet.mq.api.internal.MessageChecks;
import io.rocklet.mq.client.remoting.RemotingException;
import io.rocklet.mq.client.remoting.ResponseCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressedBodyTest {
    private static byte[] deflate(byte[] plain) {
        Deflater deflater = new Deflater(5);
        deflater.setInput(plain);
        deflater.finish();
        byte[] out = new byte[plain.length + 1024];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    @Test
    void recognisesZlibByTheCompressedBitAndTheType() {
        assertThat(CompressedBody.isZlib(1 | 0x300)).isTrue();
        assertThat(CompressedBody.isZlib(1)).as("type 0: older clients, always zlib").isTrue();
        assertThat(CompressedBody.isZlib(1 | 0x100)).as("LZ4").isFalse();
        assertThat(CompressedBody.isZlib(1 | 0x200)).as("ZSTD").isFalse();
        assertThat(CompressedBody.isZlib(0x300)).as("a type without the compressed bit").isFalse();
    }

    @Test
    void plainSysFlagKeepsTheOtherBits() {
        assertThat(CompressedBody.plainSysFlag(1 | 0x300 | 0x4)).isEqualTo(0x4);
    }

    @Test
    void inflatesWhatTheProducerDeflated() {
        byte[] plain = "inflate me ".repeat(2_000).getBytes(StandardCharsets.UTF_8);
        assertThat(CompressedBody.inflate(deflate(plain), "T")).isEqualTo(plain);
    }

    @Test
    void rejectsGarbageTruncationAndBombs() {
        assertThatThrownBy(() -> CompressedBody.inflate("not zlib".getBytes(StandardCharsets.UTF_8), "T"))
                .isInstanceOf(RemotingException.class)
                .satisfies(e -> assertThat(((RemotingException) e).code()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL));
        byte[] whole = deflate(new byte[100_000]);
        assertThatThrownBy(() -> CompressedBody.inflate(Arrays.copyOf(whole, whole.length / 2), "T"))
                .isInstanceOf(RemotingException.class).hasMessageContaining("truncated");
        byte[] bomb = deflate(new byte[MessageChecks.MAX_BODY_BYTES + 1]);
        assertThatThrownBy(() -> CompressedBody.inflate(bomb, "T"))
                .isInstanceOf(RemotingException.class).hasMessageContaining("more than");
    }
}
