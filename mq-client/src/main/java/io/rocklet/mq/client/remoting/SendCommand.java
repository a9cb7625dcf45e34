package io.rocklet.mq.client.remoting;

import io.rocklet.mq.client.codec.MessageRecord;
import io.rocklet.mq.client.codec.RecordReader;
import io.rocklet.mq.client.protocol.SendRequest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A send of the broker protocol as SEND_MESSAGE_V2 (310) or SEND_BATCH_MESSAGE (320): the fields
 * of the encoded record go into the single-letter header (reference §4.2), its body into the frame
 * body; a batch's records become the batch body (§6.4). The reverse of the broker's {@code WireSend}.
 */
final class SendCommand {
    private static final String TRANSACTION_PROPERTIES = "TRAN_MSG\u0001true\u0002PGROUP\u0001";
    private static final int TRANSACTION_PREPARED = 0x4;
    private static final int DEFAULT_TOPIC_QUEUES = 8;

    private SendCommand() {
    }

    static RemotingCommand of(SendRequest request, String brokerName) {
        ByteBuffer records = request.records;
        int first = records.position();
        int sysFlag = RecordReader.sysFlag(records, first);
        boolean batch = request.count > 1 || request.batch;
        // Fields in key order: the header is written in that order without sorting.
        RemotingCommand command = RemotingCommand.compactRequest(batch ? RequestCode.SEND_BATCH_MESSAGE : RequestCode.SEND_MESSAGE_V2)
                .put("a", request.producerGroup)
                .put("b", request.topic)
                .put("c", request.defaultTopic)
                .put("d", request.defaultTopicQueues > 0 ? request.defaultTopicQueues : DEFAULT_TOPIC_QUEUES)
                .put("e", request.queueId)
                .put("f", request.transactionPrepared ? sysFlag | TRANSACTION_PREPARED : sysFlag)
                .put("g", records.getLong(first + MessageRecord.BORN_TIMESTAMP))
                .put("h", records.getInt(first + MessageRecord.FLAG));
        if (!batch) {
            String properties = properties(records, first);
            if (request.transactionPrepared) {
                properties += TRANSACTION_PROPERTIES + request.producerGroup + "\u0002";
            }
            command.put("i", properties);
        }
        command.put("j", records.getInt(first + MessageRecord.reconsumeTimesAt(sysFlag)))
                .put("k", false)
                .put("m", batch)
                .put("n", brokerName);
        command.body = batch ? batchBody(records, first, request.count) : body(records, first);
        return command;
    }

    private static byte[] body(ByteBuffer records, int at) {
        byte[] body = new byte[RecordReader.bodyLength(records, at)];
        records.get(at + MessageRecord.bodyLengthAt(RecordReader.sysFlag(records, at)) + 4, body);
        return body;
    }

    private static String properties(ByteBuffer records, int at) {
        int propertiesAt = RecordReader.propertiesAt(records, at);
        byte[] bytes = new byte[records.getShort(propertiesAt) & 0xFFFF];
        records.get(propertiesAt + 2, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Each record as an entry of the {@link BatchBody}. */
    private static byte[] batchBody(ByteBuffer records, int first, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = first;
        for (int i = 0; i < count; i++) {
            BatchBody.write(out, records.getInt(at + MessageRecord.FLAG), body(records, at),
                    properties(records, at).getBytes(StandardCharsets.UTF_8));
            at += RecordReader.totalSize(records, at);
        }
        return out.toByteArray();
    }
}
