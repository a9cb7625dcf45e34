package io.rocklet.mq.compat4;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every send mode of the official producer — sync, async, oneway, batch, and a body large enough
 * for the client to compress — reaches an official push consumer with its id, keys, tag, user
 * properties and body unchanged.
 */
class SendModesIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static EmbeddedBroker broker;
    private OfficialClients clients;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp().build().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void openClients() {
        clients = new OfficialClients(broker);
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    private Inbox consume(String topic, String group) throws Exception {
        Inbox inbox = new Inbox();
        DefaultMQPushConsumer consumer = clients.pushConsumer(group);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(inbox);
        consumer.start();
        return inbox;
    }

    private static Message message(String topic, String key, String body) {
        Message message = new Message(topic, "TagA", key, body.getBytes(StandardCharsets.UTF_8));
        message.putUserProperty("color", "red-" + key);
        return message;
    }

    private static void assertSame(MessageExt received, Message sent, String msgId) {
        assertThat(received.getMsgId()).isEqualTo(msgId);
        assertThat(received.getTopic()).isEqualTo(sent.getTopic());
        assertThat(received.getKeys()).isEqualTo(sent.getKeys());
        assertThat(received.getTags()).isEqualTo(sent.getTags());
        assertThat(received.getUserProperty("color")).isEqualTo(sent.getUserProperty("color"));
        assertThat(received.getBody()).isEqualTo(sent.getBody());
    }

    @Test
    void syncAsyncAndOnewaySendsArriveIntact() throws Exception {
        DefaultMQProducer producer = clients.producer("modes-producer");
        Message sync = message("Modes", "sync", "by send()");
        SendResult syncResult = producer.send(sync);
        assertThat(syncResult.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(syncResult.getOffsetMsgId()).hasSize(32);

        Message async = message("Modes", "async", "by send(callback)");
        CompletableFuture<SendResult> asyncResult = new CompletableFuture<>();
        producer.send(async, new SendCallback() {
            @Override
            public void onSuccess(SendResult result) {
                asyncResult.complete(result);
            }

            @Override
            public void onException(Throwable e) {
                asyncResult.completeExceptionally(e);
            }
        });
        assertThat(asyncResult.get(10, TimeUnit.SECONDS).getSendStatus()).isEqualTo(SendStatus.SEND_OK);

        Message oneway = message("Modes", "oneway", "by sendOneway()");
        producer.sendOneway(oneway);

        Inbox inbox = consume("Modes", "modes-consumer");
        await().atMost(WAIT).until(() -> inbox.keys().containsAll(List.of("sync", "async", "oneway")));
        assertSame(inbox.byKey("sync"), sync, syncResult.getMsgId());
        assertSame(inbox.byKey("async"), async, asyncResult.get().getMsgId());
        assertSame(inbox.byKey("oneway"), oneway, oneway.getProperty("UNIQ_KEY"));
        assertThat(inbox.byKey("sync").getReconsumeTimes()).isZero();
    }

    @Test
    void batchSendDeliversEachMessageWithItsOwnId() throws Exception {
        DefaultMQProducer producer = clients.producer("batch-producer");
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(message("Batch", "b" + i, "batch body " + i));
        }
        SendResult result = producer.send(batch);
        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        String[] ids = result.getMsgId().split(",");
        assertThat(ids).hasSize(10).doesNotHaveDuplicates();
        assertThat(result.getOffsetMsgId().split(",")).hasSize(10);

        Inbox inbox = consume("Batch", "batch-consumer");
        await().atMost(WAIT).until(() -> inbox.keys().size() == 10);
        for (int i = 0; i < 10; i++) {
            assertSame(inbox.byKey("b" + i), batch.get(i), ids[i]);
        }
        List<Long> offsets = inbox.all().stream().map(MessageExt::getQueueOffset).sorted().toList();
        assertThat(offsets).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void bodyCompressedByTheProducerArrivesIntact() throws Exception {
        DefaultMQProducer producer = clients.producer("big-producer");
        byte[] body = new byte[64 << 10];
        new Random(7).nextBytes(body);
        String text = "compressible ".repeat(1000); // > 4 KiB, shrinks a lot under zlib
        Message random = new Message("Big", "TagA", "random", body);
        Message repetitive = new Message("Big", "TagA", "text", text.getBytes(StandardCharsets.UTF_8));
        SendResult randomResult = producer.send(random);
        SendResult textResult = producer.send(repetitive);

        Inbox inbox = consume("Big", "big-consumer");
        await().atMost(WAIT).until(() -> inbox.keys().size() == 2);
        assertThat(inbox.byKey("random").getBody()).isEqualTo(body);
        assertThat(inbox.byKey("random").getMsgId()).isEqualTo(randomResult.getMsgId());
        assertThat(new String(inbox.byKey("text").getBody(), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(inbox.byKey("text").getMsgId()).isEqualTo(textResult.getMsgId());
    }
}
