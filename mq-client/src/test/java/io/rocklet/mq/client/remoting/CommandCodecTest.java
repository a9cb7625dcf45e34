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

    /** The header as the tree-based encoder wrote it before: Jackson, keys sorted. */
    private static byte[] jacksonHeader(RemotingCommand c) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode node = CommandCodec.json().createObjectNode();
        node.put("code", c.code);
        if (!c.extFields.isEmpty()) {
            com.fasterxml.jackson.databind.node.ObjectNode ext = node.putObject("extFields");
            new java.util.TreeMap<>(c.extFields).forEach(ext::put);
        }
        node.put("flag", c.flag);
        node.put("language", c.language);
        node.put("opaque", c.opaque);
        if (c.remark != null) {
            node.put("remark", c.remark);
        }
        node.put("serializeTypeCurrentRPC", "JSON");
        node.put("version", c.version);
        return CommandCodec.json().writeValueAsBytes(node);
    }

    @Test
    void writesTheSameHeaderBytesAsJacksonAndReadsThemBack() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char ch = 0; ch < 0x100; ch++) {
            every.append(ch);
        }
        every.append("\u20ac\u4e2d\ud83d\ude00\uffff");
        String[] values = {"", "plain", "TRAN_MSG\u0001true\u0002PGROUP\u0001g\u0002", "quote\" back\\ slash",
                "tab\tnew\nline\rff\fbs\b", every.toString(), "%RETRY%CG", "-1", "9223372036854775807"};
        int[] ints = {0, 1, -1, 9, 10, 99, 100, 310, 479, Integer.MAX_VALUE, Integer.MIN_VALUE, 1_000_000_007};
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            RemotingCommand c = RemotingCommand.request(ints[random.nextInt(ints.length)], ints[random.nextInt(ints.length)]);
            c.flag = ints[random.nextInt(ints.length)];
            c.version = ints[random.nextInt(ints.length)];
            c.remark = round % 3 == 0 ? null : values[random.nextInt(values.length)];
            RemotingCommand compact = RemotingCommand.compactRequest(c.code);
            compact.opaque = c.opaque;
            compact.flag = c.flag;
            compact.version = c.version;
            compact.remark = c.remark;
            int fields = random.nextInt(14);
            for (int i = 0; i < fields; i++) {
                String key = values[random.nextInt(values.length)] + (char) ('a' + random.nextInt(26));
                Object value = switch (random.nextInt(5)) {
                    case 0 -> ints[random.nextInt(ints.length)];
                    case 1 -> (long) ints[random.nextInt(ints.length)] * 1_000_003L;
                    case 2 -> random.nextBoolean();
                    default -> values[random.nextInt(values.length)];
                };
                c.put(key, value);
                compact.put(key, value);
            }
            if (fields > 2) { // as signing does: a field removed, another put as a string
                String gone = c.extFields.keySet().iterator().next();
                c.extFields.remove(gone);
                compact.extFields.remove(gone);
                c.extFields.put("AccessKey", "ak");
                compact.extFields.put("AccessKey", "ak");
            }
            assertThat(compact.extFields).isEqualTo(c.extFields);
            byte[] header = CommandCodec.encodeHeader(c);
            assertThat(new String(header, StandardCharsets.UTF_8)).isEqualTo(new String(jacksonHeader(c), StandardCharsets.UTF_8));
            assertThat(header).isEqualTo(jacksonHeader(c));
            assertThat(CommandCodec.encodeHeader(compact)).isEqualTo(header);

            c.body = round % 2 == 0 ? null : new byte[]{1, 2, 3};
            ByteBuffer frame = CommandCodec.encode(c);
            frame.getInt();
            RemotingCommand back = CommandCodec.decode(frame);
            assertThat(back.code).isEqualTo(c.code);
            assertThat(back.opaque).isEqualTo(c.opaque);
            assertThat(back.flag).isEqualTo(c.flag);
            assertThat(back.version).isEqualTo(c.version);
            assertThat(back.language).isEqualTo("JAVA");
            assertThat(back.remark).isEqualTo(c.remark);
            assertThat(back.extFields).isEqualTo(c.extFields);
            assertThat(back.body).isEqualTo(c.body);
        }
    }

    @Test
    void readsHeadersTheWayATreeReadThem() {
        String json = "{\"opaque\":7,\"code\":11,\"flag\":1,\"version\":\"413\",\"remark\":null,\"language\":null,"
                + "\"unknown\":{\"a\":[1,{\"b\":2}]},\"extFields\":{\"n\":5,\"s\":\"x\",\"z\":null,\"t\":true}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        RemotingCommand c = CommandCodec.decode(ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).flip());
        assertThat(c.code).isEqualTo(11);
        assertThat(c.opaque).isEqualTo(7);
        assertThat(c.flag).isEqualTo(1);
        assertThat(c.version).isEqualTo(413);
        assertThat(c.remark).isNull();
        assertThat(c.language).isEqualTo("JAVA");
        assertThat(c.extFields).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("n", "5", "s", "x", "t", "true"));

        byte[] noCode = "{\"opaque\":1,\"flag\":0}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CommandCodec.decode(ByteBuffer.allocate(4 + noCode.length).putInt(noCode.length).put(noCode).flip()))
                .isInstanceOf(RemotingException.class).hasMessageContaining("'code' is missing or not an int");
        byte[] textCode = "{\"code\":\"1\",\"opaque\":1,\"flag\":0}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CommandCodec.decode(ByteBuffer.allocate(4 + textCode.length).putInt(textCode.length).put(textCode).flip()))
                .isInstanceOf(RemotingException.class).hasMessageContaining("'code' is missing or not an int");
    }
}
