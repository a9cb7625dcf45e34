package io.rocklet.mq.compat4.ons;

import com.aliyun.openservices.ons.api.Action;
import com.aliyun.openservices.ons.api.Consumer;
import com.aliyun.openservices.ons.api.Message;
import com.aliyun.openservices.ons.api.OnExceptionContext;
import com.aliyun.openservices.ons.api.Producer;
import com.aliyun.openservices.ons.api.SendCallback;
import com.aliyun.openservices.ons.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ONS SDK's {@link Producer}: sync, async ({@link SendCallback}) and oneway sends reach an
 * ONS consumer with their message id, tag, key, user properties and body unchanged.
 */
class OnsProducerIT {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp().build().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static Message message(String key, String body) {
        Message message = new Message("OnsModes", "TagA", key, body.getBytes(StandardCharsets.UTF_8));
        message.putUserProperties("color", "red-" + key);
        message.putUserProperties("order-id", "42");
        return message;
    }

    @Test
    void syncAsyncAndOnewaySendsArriveIntact() throws Exception {
        try (OnsClients clients = new OnsClients(broker)) {
            Producer producer = clients.producer("GID_ons_modes_producer");
            Message sync = message("sync", "by send()");
            SendResult syncResult = producer.send(sync);
            assertThat(syncResult.getTopic()).isEqualTo("OnsModes");
            assertThat(syncResult.getMessageId()).hasSize(32);

            Message async = message("async", "by sendAsync()");
            CompletableFuture<SendResult> asyncResult = new CompletableFuture<>();
            producer.sendAsync(async, new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    asyncResult.complete(result);
                }

                @Override
                public void onException(OnExceptionContext context) {
                    asyncResult.completeExceptionally(context.getException());
                }
            });
            assertThat(asyncResult.get(10, TimeUnit.SECONDS).getMessageId()).isEqualTo(async.getMsgID());

            Message oneway = message("oneway", "by sendOneway()");
            producer.sendOneway(oneway);
            assertThat(oneway.getMsgID()).hasSize(32); // set by the SDK from the id it put on the message

            OnsInbox inbox = new OnsInbox();
            Consumer consumer = clients.consumer("GID_ons_modes_consumer");
            consumer.subscribe("OnsModes", "*", inbox);
            consumer.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> inbox.keys().containsAll(List.of("sync", "async", "oneway")));
            assertSame(inbox.byKey("sync"), sync, syncResult.getMessageId());
            assertSame(inbox.byKey("async"), async, asyncResult.get().getMessageId());
            assertSame(inbox.byKey("oneway"), oneway, oneway.getMsgID());
            assertThat(inbox.size()).isEqualTo(3);
            assertThat(inbox.byKey("sync").getReconsumeTimes()).isZero();
            assertThat(inbox.byKey("sync").getBornHost()).startsWith("/127.0.0.1:"); // the SDK prints the socket address
        }
    }

    @Test
    void aTimedMessageArrivesNotBeforeItsStartDeliverTime() {
        try (OnsClients clients = new OnsClients(broker)) {
            Map<String, Long> arrivals = new ConcurrentHashMap<>();
            Consumer consumer = clients.consumer("GID_ons_timed_consumer");
            consumer.subscribe("OnsTimed", "*", (message, context) -> {
                arrivals.put(message.getKey(), System.currentTimeMillis());
                return Action.CommitMessage;
            });
            consumer.start();
            long deliverAt = System.currentTimeMillis() + 1_500;
            Message timed = new Message("OnsTimed", "T", "timed", "later".getBytes(StandardCharsets.UTF_8));
            timed.setStartDeliverTime(deliverAt);
            Producer producer = clients.producer("GID_ons_timed_producer");
            producer.send(timed);
            producer.send(new Message("OnsTimed", "T", "now", "now".getBytes(StandardCharsets.UTF_8)));
            await().atMost(Duration.ofSeconds(20)).until(() -> arrivals.containsKey("timed"));
            assertThat(arrivals.get("timed")).isGreaterThanOrEqualTo(deliverAt);
            assertThat(arrivals).containsKey("now");
        }
    }

    private static void assertSame(Message received, Message sent, String msgId) {
        assertThat(received.getMsgID()).isEqualTo(msgId);
        assertThat(received.getTopic()).isEqualTo(sent.getTopic());
        assertThat(received.getTag()).isEqualTo(sent.getTag());
        assertThat(received.getKey()).isEqualTo(sent.getKey());
        assertThat(received.getUserProperties("color")).isEqualTo(sent.getUserProperties("color"));
        assertThat(received.getUserProperties("order-id")).isEqualTo("42");
        assertThat(received.getBody()).isEqualTo(sent.getBody());
    }
}
