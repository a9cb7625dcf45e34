package io.rocklet.mq.bench.peers;

import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * RocketMQ's own Java client (5.2.0) over loopback TCP, on any server that speaks RocketMQ's
 * remoting protocol ({@link RemotingServer}): Apache RocketMQ ({@link EmbeddedRocketMq}) or Rocklet's
 * TCP endpoint ({@link RockletTcpServer}); {@link RockletClientPeer} is Rocklet's client in its place. The same client code and settings for both, so the two differ only in
 * the server. One {@code DefaultMQProducer} shared by every sender (it is thread-safe, as Rocklet's
 * producer is); one {@code DefaultMQPushConsumer} per subscription, its group named after the
 * topic, client defaults otherwise (20 consume threads, pulls of 32).
 */
final class OfficialClientPeer implements PeerBroker {
    /**
     * Points the client's own files into the run: its logging (the bundled configuration,
     * rmq.logback.xml, reads {@code rocketmq.log.root}) and anything it keeps under {@code ~}.
     * JVM-wide, so it runs before any RocketMQ class starts.
     */
    static void keepFilesIn(RunDirectory run, java.nio.file.Path logDir) {
        System.setProperty("rocketmq.log.root", logDir.toString());
        System.setProperty("user.home", run.root().toString());
    }

    /**
     * The graceful shutdown of name server + broker takes ~16 s here, most of it service threads
     * finishing sleeps of up to 3 s one after another (its log shows the joins), while the services
     * not yet stopped keep polling. Waited for: in a run that left shutdowns to the background,
     * send-sync measured 961 msgs/s against 2,300–3,600 on its own.
     */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(30);
    private static final Duration CONSUMER_CLOSE_BOUND = Duration.ofSeconds(5);

    private final RemotingServer server;
    private final String instance;
    private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();
    private DefaultMQProducer producer;
    /**
     * Threads the client starts from now on, by the names 5.2.0 gives them. The broker's pools
     * start their threads lazily, after the client's, so a name is needed; the broker's own client
     * threads of the same names (to the name server) run already and are left out.
     */
    private final ClientAllocation.ClientThreads clientThreads = ClientAllocation.ClientThreads.startedFromNowOn(
            "NettyClient", "NettyEventExecutor", "ClientHouseKeepingService", "Client_", "HeartbeatThread_",
            "LatencyFaultToleranceScheduledThread", "MQClientFactoryScheduledThread", "PullMessageService",
            "RebalanceService", "RequestHouseKeepingService", "ConsumeMessage", "CleanExpireMsg", "AsyncSenderExecutor");

    OfficialClientPeer(RemotingServer server, String instance) {
        this.server = server;
        this.instance = instance;
    }

    @Override
    public void createTopic(String topic) {
        server.createTopic(topic);
    }

    @Override
    public Sender syncSender(String topic) throws Exception {
        DefaultMQProducer shared = producer();
        return sender(body -> {
            SendResult result = shared.send(new Message(topic, body));
            if (result.getSendStatus() != SendStatus.SEND_OK) {
                throw new IllegalStateException("send status " + result.getSendStatus());
            }
        });
    }

    @Override
    public Sender asyncSender(String topic, int window, SendOutcome outcome) throws Exception {
        DefaultMQProducer shared = producer();
        SendCallback callback = new SendCallback() {
            @Override
            public void onSuccess(SendResult result) {
                if (result.getSendStatus() == SendStatus.SEND_OK) {
                    outcome.onStored();
                } else {
                    outcome.onFailed(new IllegalStateException("send status " + result.getSendStatus()));
                }
            }

            @Override
            public void onException(Throwable e) {
                outcome.onFailed(e);
            }
        };
        return sender(body -> shared.send(new Message(topic, body), callback));
    }

    @Override
    public Sender onewaySender(String topic) throws Exception {
        DefaultMQProducer shared = producer();
        return sender(body -> shared.sendOneway(new Message(topic, body)));
    }

    /** Senders share the producer; closing one leaves it to the broker's close. */
    private static Sender sender(Send send) {
        return new Sender() {
            @Override
            public void send(byte[] body) throws Exception {
                send.send(body);
            }

            @Override
            public void close() {
            }
        };
    }

    @FunctionalInterface
    private interface Send {
        void send(byte[] body) throws Exception;
    }

    private synchronized DefaultMQProducer producer() throws Exception {
        if (producer == null) {
            DefaultMQProducer created = new DefaultMQProducer("bench-producer");
            onLoopback(created);
            created.start();
            producer = created;
        }
        return producer;
    }

    @Override
    public Subscription subscribe(String topic, int maxBatch, BodySink sink) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(topic + "-consumers");
        onLoopback(consumer);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setConsumeMessageBatchMaxSize(maxBatch);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                sink.onBody(message.getBody());
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        synchronized (this) {
            consumers.add(consumer);
        }
        return new Subscription() {
            @Override
            public void awaitAssigned(Duration timeout) {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().size()
                        < RemotingServer.QUEUES_PER_TOPIC) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("consumer of " + topic + " not assigned within " + timeout);
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            }

            @Override
            public void close() {
                synchronized (OfficialClientPeer.this) {
                    consumers.remove(consumer);
                }
                BoundedClose.run(instance + "-consumer-" + topic, CONSUMER_CLOSE_BOUND, consumer::shutdown);
            }
        };
    }

    /**
     * The name server is on loopback; the client IP (part of the client id, otherwise the host's
     * first non-loopback address) too, so nothing in the client names another address.
     */
    private void onLoopback(ClientConfig client) {
        client.setNamesrvAddr(server.namesrvAddress());
        client.setInstanceName(instance);
        client.setClientIP("127.0.0.1");
    }

    @Override
    public ClientAllocation.ClientThreads clientThreads() {
        return clientThreads;
    }

    @Override
    public long storedMessages(String topic) {
        return server.storedMessages(topic);
    }

    @Override
    public synchronized void close() {
        List<Runnable> steps = new ArrayList<>();
        consumers.forEach(consumer -> steps.add(consumer::shutdown));
        if (producer != null) {
            steps.add(producer::shutdown);
        }
        steps.add(server::shutdown);
        BoundedClose.run(instance, CLOSE_BOUND, steps.toArray(Runnable[]::new));
    }
}
