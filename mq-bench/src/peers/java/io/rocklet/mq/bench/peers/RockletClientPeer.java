package io.rocklet.mq.bench.peers;

import io.rocklet.mq.api.ClientOptions;
import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.SendResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Rocklet's client ({@code Clients.connect("rocketmq://…")}, its remoting transport) over loopback
 * TCP, in the place of {@link OfficialClientPeer} and set up like it: one {@link Clients} per
 * broker, one {@link Producer} shared by every sender, one push consumer per subscription whose
 * group is named after the topic, client defaults otherwise (20 consume threads, pulls of 32,
 * 1,000 messages buffered per queue, as the official client's defaults).
 */
final class RockletClientPeer implements PeerBroker {
    /** Bounds as {@link OfficialClientPeer}'s: the server's shutdown is most of it. */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(30);
    private static final Duration CONSUMER_CLOSE_BOUND = Duration.ofSeconds(5);

    private final RemotingServer server;
    private final String instance;
    private final List<PushConsumer> consumers = new ArrayList<>();
    /** Every thread of Rocklet's client is named {@code rocklet-*}. */
    private final ClientAllocation.ClientThreads clientThreads = ClientAllocation.ClientThreads.startedFromNowOn("rocklet-");
    private Clients clients;
    private Producer producer;

    RockletClientPeer(RemotingServer server, String instance) {
        this.server = server;
        this.instance = instance;
    }

    @Override
    public void createTopic(String topic) {
        server.createTopic(topic);
    }

    @Override
    public Sender syncSender(String topic) {
        Producer shared = producer();
        return sender(body -> shared.send(Message.of(topic, body)));
    }

    @Override
    public Sender asyncSender(String topic, int window, SendOutcome outcome) {
        Producer shared = producer();
        BiConsumer<SendResult, Throwable> callback = (result, error) -> {
            if (error == null) {
                outcome.onStored();
            } else {
                outcome.onFailed(error);
            }
        };
        return sender(body -> shared.sendAsync(Message.of(topic, body)).whenComplete(callback));
    }

    @Override
    public Sender onewaySender(String topic) {
        Producer shared = producer();
        return sender(body -> shared.sendOneway(Message.of(topic, body)));
    }

    /** Senders share the producer; closing one leaves it to the broker's close. */
    private static Sender sender(Send send) {
        return new Sender() {
            @Override
            public void send(byte[] body) {
                send.send(body);
            }

            @Override
            public void close() {
            }
        };
    }

    @FunctionalInterface
    private interface Send {
        void send(byte[] body);
    }

    private synchronized Clients clients() {
        if (clients == null) {
            clients = Clients.connect("rocketmq://" + server.namesrvAddress(), ClientOptions.defaults());
        }
        return clients;
    }

    private synchronized Producer producer() {
        if (producer == null) {
            producer = clients().producer().group("bench-producer").build();
        }
        return producer;
    }

    @Override
    public Subscription subscribe(String topic, int maxBatch, BodySink sink) {
        PushConsumer consumer = clients().pushConsumer()
                .group(topic + "-consumers")
                .subscribe(topic, "*")
                .consumeFromWhere(ConsumeFromWhere.FIRST)
                .consumeBatchSize(maxBatch)
                .batchListener(messages -> {
                    for (MessageView message : messages) {
                        sink.onBody(message.body());
                    }
                    return ConsumeResult.SUCCESS;
                })
                .build();
        synchronized (this) {
            consumers.add(consumer);
        }
        return new Subscription() {
            @Override
            public void awaitAssigned(Duration timeout) {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (consumer.assignment().stream().filter(q -> q.topic().equals(topic)).count()
                        < RemotingServer.QUEUES_PER_TOPIC) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("consumer of " + topic + " not assigned within " + timeout);
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            }

            @Override
            public void close() {
                synchronized (RockletClientPeer.this) {
                    consumers.remove(consumer);
                }
                BoundedClose.run(instance + "-consumer-" + topic, CONSUMER_CLOSE_BOUND, consumer::close);
            }
        };
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
        consumers.forEach(consumer -> steps.add(consumer::close));
        if (producer != null) {
            steps.add(producer::close);
        }
        if (clients != null) {
            steps.add(clients::close);
        }
        steps.add(server::shutdown);
        BoundedClose.run(instance, CLOSE_BOUND, steps.toArray(Runnable[]::new));
    }
}
