package io.rocklet.mq.client.codec;

import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CodecTest {
    private static final MessageQueue QUEUE = new MessageQueue("TopicTest", "broker-a", 3);

    @Test
    void offsetIdMatchesTheObservedRocketMqValue() {
        // reference §6.5: 127.0.0.1:10911, physical offset 100000
        long host = MessageIds.host(0x7F000001, 10911);
        assertThat(MessageIds.offsetId(host, 100_000)).isEqualTo("7F00000100002A9F00000000000186A0");
        assertThat(MessageIds.physicalOffsetOf("7F00000100002A9F00000000000186A0")).isEqualTo(100_000);
    }

    @Test
    void recordHasRocketMqLayoutAndSize() {
        Message message = Message.builder("TopicTest").tag("TagA").keys("k0").body("hello").build();
        ByteBuffer buf = ByteBuffer.allocate(1024);
        long low = MessageIds.nextUniqueIdLow(System.currentTimeMillis());
        RecordEncoder.encode(buf, message, 3, 1_000L, MessageIds.host(0x0A000001, 0), 2_000L,
                MessageIds.host(0x7F000001, 10911), MessageIds.uniqueIdHigh(), low);
        int size = buf.position();
        // properties: UNIQ_KEY\1<32 hex>\2 TAGS\1TagA\2 KEYS\1k0\2
        int properties = (8 + 1 + 32 + 1) + (4 + 1 + 4 + 1) + (4 + 1 + 2 + 1);
        assertThat(size).isEqualTo(91 + 5 + "TopicTest".length() + properties).isEqualTo(RecordEncoder.size(message));
        assertThat(buf.getInt(MessageRecord.TOTAL_SIZE)).isEqualTo(size);
        assertThat(buf.getInt(MessageRecord.MAGIC)).isEqualTo(0xDAA320A7).isEqualTo(-626843481);
        assertThat(buf.getInt(MessageRecord.QUEUE_ID)).isEqualTo(3);
        assertThat(buf.getLong(MessageRecord.BORN_TIMESTAMP)).isEqualTo(1_000L);
        assertThat(buf.getLong(MessageRecord.STORE_TIMESTAMP_V4)).isEqualTo(2_000L);
        assertThat(buf.getInt(MessageRecord.FIXED_PART_V4 - 4)).isEqualTo(5); // body length
        assertThat(buf.get(MessageRecord.FIXED_PART_V4 + 5)).isEqualTo((byte) 9); // topic length
        assertThat(RecordReader.isIntact(buf, 0, size)).isTrue();

        DecodedMessage view = new DecodedMessage(buf.duplicate().flip(), QUEUE);
        assertThat(view.messageId()).isEqualTo(MessageIds.toHex(MessageIds.uniqueIdHigh(), low));
        assertThat(view.tag()).isEqualTo("TagA");
        assertThat(view.keys()).containsExactly("k0");
        assertThat(view.bodyAsString()).isEqualTo("hello");
        assertThat(view.topic()).isEqualTo("TopicTest");
        assertThat(view.offsetMessageId()).isEqualTo("7F00000100002A9F0000000000000000");
    }

    @Test
    void crcIgnoresTheOffsetsTheBrokerPatchesButCatchesOtherDamage() {
        Message message = Message.of("TopicTest", "payload");
        ByteBuffer buf = ByteBuffer.allocate(512);
        RecordEncoder.encode(buf, message, 0, 1L, 0L, 2L, 0L, MessageIds.uniqueIdHigh(), 7L);
        int size = buf.position();
        buf.putLong(MessageRecord.QUEUE_OFFSET, 42).putLong(MessageRecord.PHYSICAL_OFFSET, 4242);
        assertThat(RecordReader.isIntact(buf, 0, size)).isTrue();
        buf.put(MessageRecord.FIXED_PART_V4, (byte) ('p' ^ 1)); // first body byte
        assertThat(RecordReader.isIntact(buf, 0, size)).isFalse();
    }

    @Test
    void propertiesParseWithAndWithoutTheTrailingSeparator() {
        byte[] v5 = "UNIQ_KEY\u0001AB\u0002WAIT\u0001true\u0002TAGS\u0001TagA\u0002".getBytes(StandardCharsets.UTF_8);
        byte[] v49 = "WAIT\u0001true\u0002TAGS\u0001TagA".getBytes(StandardCharsets.UTF_8);
        assertThat(MessageProperties.parse(v5, 0, v5.length)).containsExactly(
                Map.entry("UNIQ_KEY", "AB"), Map.entry("WAIT", "true"), Map.entry("TAGS", "TagA"));
        assertThat(MessageProperties.parse(v49, 0, v49.length)).containsExactly(
                Map.entry("WAIT", "true"), Map.entry("TAGS", "TagA"));
        byte[] empty = "\u0001x\u0002k\u0001\u0002a\u0001b\u0002".getBytes(StandardCharsets.UTF_8);
        assertThat(MessageProperties.parse(empty, 0, empty.length)).containsExactly(Map.entry("a", "b"));
    }

    @Test
    void propertiesEncodeUtf8LikeTheJdk() {
        String value = "héllo \u4e16\u754c \uD83D\uDE00";
        byte[] encoded = MessageProperties.encode(Map.of("k", value));
        assertThat(encoded).isEqualTo(("k\u0001" + value + "\u0002").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tagHashIsStringHashCodeAndZeroWithoutTag() {
        assertThat(RecordEncoder.tagHash("TagA")).isEqualTo("TagA".hashCode());
        assertThat(RecordEncoder.tagHash(null)).isZero();
    }

    @Test
    void uniqueIdsAre32HexCharsAndDiffer() {
        long now = System.currentTimeMillis();
        String a = MessageIds.toHex(MessageIds.uniqueIdHigh(), MessageIds.nextUniqueIdLow(now));
        String b = MessageIds.toHex(MessageIds.uniqueIdHigh(), MessageIds.nextUniqueIdLow(now));
        assertThat(a).hasSize(32).matches("[0-9A-F]{32}").isNotEqualTo(b);
    }
}
