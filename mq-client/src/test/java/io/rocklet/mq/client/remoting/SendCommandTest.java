package io.rocklet.mq.client.remoting;

import io.rocklet.mq.api.Message;
import io.rocklet.mq.client.codec.MessageIds;
import io.rocklet.mq.client.codec.MessageProperties;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.protocol.SendRequest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Sends as SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE: the single-letter header and the batch body (§4.2, §6.4). */
class SendCommandTest {
    private static final long BORN = 1_700_000_000_123L;
    private static final long ID_HIGH = MessageIds.uniqueIdHigh();

    /** Encodes the messages back to back as the producer does; {@code ids} are the unique ids' low halves. */
    private static SendRequest request(List<Message> messages, long... ids) {
        ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
        buffer.position(16); // the records need not start at 0
        for (int i = 0; i < messages.size(); i++) {
            RecordEncoder.encode(buffer, messages.get(i), 3, BORN, MessageIds.host(0x0A000001, 0), BORN + 1,
                    MessageIds.host(0x7F000001, 10911), ID_HIGH, ids[i]);
        }
        buffer.limit(buffer.position()).position(16);
        SendRequest request = new SendRequest();
        request.producerGroup = "pg";
        request.topic = "TopicTest";
        request.queueId = 3;
        request.records = buffer;
        request.count = messages.size();
        request.batch = messages.size() > 1;
        return request;
    }

    private static String uniqKey(long low) {
        return MessageIds.toHex(ID_HIGH, low);
    }

    @Test
    void aMessageBecomesSendMessageV2WithTheLetterHeader() {
        Message message = Message.builder("TopicTest").tag("TagA").keys("k1", "k2")
                .property("color", "red").property("size", "L").body("hello").build();
        RemotingCommand command = SendCommand.of(request(List.of(message), 42), "broker-a");

        assertThat(command.code).isEqualTo(RequestCode.SEND_MESSAGE_V2);
        assertThat(command.extFields).containsOnlyKeys("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "m", "n");
        assertThat(command.extFields).contains(
                entry("a", "pg"), entry("b", "TopicTest"), entry("c", "TBW102"), entry("d", "8"), entry("e", "3"),
                entry("f", "0"), entry("g", String.valueOf(BORN)), entry("h", "0"), entry("j", "0"), entry("k", "false"),
                entry("m", "false"), entry("n", "broker-a"));
        assertThat(command.field("i")).isEqualTo("UNIQ_KEY\u0001" + uniqKey(42) + "\u0002TAGS\u0001TagA\u0002"
                + "KEYS\u0001k1 k2\u0002color\u0001red\u0002size\u0001L\u0002");
        assertThat(command.body).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTopicsDefaultQueueCountIsPassedOn() {
        SendRequest request = request(List.of(Message.of("TopicTest", "x")), 1);
        request.defaultTopicQueues = 4;
        assertThat(SendCommand.of(request, "broker-a").field("d")).isEqualTo("4");
    }

    @Test
    void aPreparedTransactionAddsTheSysFlagAndTheTransactionProperties() {
        SendRequest request = request(List.of(Message.builder("TopicTest").tag("T").body("half").build()), 7);
        request.transactionPrepared = true;

        RemotingCommand command = SendCommand.of(request, "broker-a");

        assertThat(command.code).isEqualTo(RequestCode.SEND_MESSAGE_V2);
        assertThat(command.field("f")).isEqualTo("4");
        assertThat(command.field("i")).isEqualTo("UNIQ_KEY\u0001" + uniqKey(7) + "\u0002TAGS\u0001T\u0002"
                + "TRAN_MSG\u0001true\u0002PGROUP\u0001pg\u0002");
        assertThat(command.body).isEqualTo("half".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBatchBecomesSendBatchMessageWithEachMessageInTheBatchBody() {
        List<Message> batch = List.of(
                Message.builder("TopicTest").tag("A").body("one").build(),
                Message.builder("TopicTest").keys("k").body("second").build(),
                Message.builder("TopicTest").property("p", "v").body("3").build());
        RemotingCommand command = SendCommand.of(request(batch, 100, 101, 102), "broker-a");

        assertThat(command.code).isEqualTo(RequestCode.SEND_BATCH_MESSAGE);
        assertThat(command.extFields).contains(entry("a", "pg"), entry("b", "TopicTest"), entry("e", "3"),
                entry("g", String.valueOf(BORN)), entry("m", "true"), entry("n", "broker-a"));

        ByteBuffer body = ByteBuffer.wrap(command.body);
        String[] bodies = {"one", "second", "3"};
        List<Map<String, String>> properties = List.of(
                Map.of("UNIQ_KEY", uniqKey(100), "TAGS", "A"),
                Map.of("UNIQ_KEY", uniqKey(101), "KEYS", "k"),
                Map.of("UNIQ_KEY", uniqKey(102), "p", "v"));
        for (int i = 0; i < 3; i++) {
            int start = body.position();
            int size = body.getInt();
            assertThat(body.getInt()).as("magic").isZero();
            assertThat(body.getInt()).as("body crc").isZero();
            assertThat(body.getInt()).as("flag").isZero();
            byte[] messageBody = new byte[body.getInt()];
            body.get(messageBody);
            byte[] props = new byte[body.getShort()];
            body.get(props);
            assertThat(body.position() - start).as("size of message %d", i).isEqualTo(size);
            assertThat(new String(messageBody, StandardCharsets.UTF_8)).isEqualTo(bodies[i]);
            assertThat(MessageProperties.parse(props, 0, props.length)).isEqualTo(properties.get(i));
        }
        assertThat(body.hasRemaining()).isFalse();
    }
}
