package io.rocklet.mq.client.remoting;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Frames against the bytes observed from the official clients (reference §1.4, §1.6). */
class CommandCodecTest {
    @Test
    void decodesTheObservedBinaryHeader() {
        ByteBuffer header = ByteBuffer.allocate(2 + 1 + 2 + 4 + 4 + 4 + 4 + 2 + 5 + 4 + 9);
        header.putShort((short) 0x69).put((byte) 0).putShort((short) 0x1DF).putInt(0).putInt(0).putInt(0)
                .putInt(0x14).putShort((short) 5).put("topic".getBytes(StandardCharsets.UTF_8))
                .putInt(9).put("%RETRY%CG".getBytes(StandardCharsets.UTF_8));
        header.flip();
        ByteBuffer frame = ByteBuffer.allocate(4 + header.remaining());
        frame.putInt((CommandCodec.SERIALIZE_ROCKETMQ << 24) | header.remaining()).put(header).flip();

        RemotingCommand command = CommandCodec.decode(frame);
        assertThat(command.code).isEqualTo(RequestCode.GET_ROUTEINFO_BY_TOPIC);
        assertThat(command.version).isEqualTo(479);
        assertThat(command.language).isEqualTo("JAVA");
        assertThat(command.opaque).isZero();
        assertThat(command.remark).isNull();
        assertThat(command.extFields).containsExactly(java.util.Map.entry("topic", "%RETRY%CG"));
    }

    @Test
    void decodesTheObservedJsonHeaderAndRoundTripsWithABody() {
        byte[] json = ("{\"code\":105,\"extFields\":{\"topic\":\"%RETRY%CG\"},\"flag\":0,\"language\":\"JAVA\","
                + "\"opaque\":0,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":479}").getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(4 + json.length).putInt(json.length).put(json).flip();
        RemotingCommand command = CommandCodec.decode(frame);
        assertThat(command.code).isEqualTo(105);
        assertThat(command.field("topic")).isEqualTo("%RETRY%CG");

        RemotingCommand response = RemotingCommand.responseTo(command, ResponseCode.SUCCESS, null).put("offset", 5L);
        response.body = new byte[]{1, 2, 3};
        ByteBuffer encoded = CommandCodec.encode(response);
        assertThat(encoded.getInt()).isEqualTo(encoded.remaining());
        RemotingCommand decoded = CommandCodec.decode(encoded);
        assertThat(decoded.isResponse()).isTrue();
        assertThat(decoded.longField("offset")).isEqualTo(5);
        assertThat(decoded.body).containsExactly(1, 2, 3);
    }

    @Test
    void aHeaderLongerThanItsFrameOrNotJsonIsAnError() {
        ByteBuffer lying = ByteBuffer.allocate(8).putInt(100).putInt(0).flip();
        assertThatThrownBy(() -> CommandCodec.decode(lying)).isInstanceOf(RemotingException.class)
                .hasMessageContaining("exceeds");
        byte[] notJson = "{nope".getBytes(StandardCharsets.UTF_8);
        ByteBuffer bad = ByteBuffer.allocate(4 + notJson.length).putInt(notJson.length).put(notJson).flip();
        assertThatThrownBy(() -> CommandCodec.decode(bad)).isInstanceOf(RemotingException.class)
                .hasMessageContaining("not JSON");
    }
}
