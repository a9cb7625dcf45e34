package io.rocklet.mq.bench.peers;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.SendAcknowledgementHandler;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Artemis' core client on an {@link EmbeddedArtemis}, over the in-VM connector, non-durable
 * messages. A core session is single-threaded, so each sender has its own session (and locator,
 * which carries the send mode):
 * <ul>
 *   <li>sync: {@code blockOnNonDurableSend}, each send waits for the server's response;</li>
 *   <li>async: a confirmation window and a {@code SendAcknowledgementHandler}, the server confirms
 *       in batches of a quarter of the caller's window (in bytes of body);</li>
 *   <li>one-way: the default non-blocking send of a non-durable message, never confirmed.</li>
 * </ul>
 * A push consumer is a {@code ClientConsumer} with a {@code MessageHandler} (one thread, one message
 * per call: core has no batch listener), acknowledging each message (auto-commit, acks batched).
 */
final class ArtemisPeer implements PeerBroker {
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(10);

    private final EmbeddedArtemis server;
    private final int bodyBytes;
    private final Deque<ServerLocator> locators = new ArrayDeque<>();

    ArtemisPeer(EmbeddedArtemis server, int bodyBytes) {
        this.server = server;
        this.bodyBytes = bodyBytes;
    }

    @Override
    public void createTopic(String topic) throws Exception {
        server.createTopic(topic);
    }

    @Override
    public Sender syncSender(String topic) throws Exception {
        ServerLocator locator = locator().setBlockOnNonDurableSend(true);
        return new CoreSender(locator, topic, null);
    }

    @Override
    public Sender asyncSender(String topic, int window, SendOutcome outcome) throws Exception {
        // The server confirms each time it has received this many bytes since its last confirmation.
        // Below what a full window of sends carries, so a sender waiting for a free slot always
        // gets one; the last sends of a run may stay unconfirmed, which nothing waits for.
        ServerLocator locator = locator().setConfirmationWindowSize(Math.max(1, window * bodyBytes / 4));
        SendAcknowledgementHandler handler = new SendAcknowledgementHandler() {
            @Override
            public void sendAcknowledged(Message message) {
                outcome.onStored();
            }

            @Override
            public void sendFailed(Message message, Exception e) {
                outcome.onFailed(e);
            }
        };
        return new CoreSender(locator, topic, handler);
    }

    @Override
    public Sender onewaySender(String topic) throws Exception {
        return new CoreSender(locator(), topic, null);
    }

    /** One session and producer; sends with {@code handler} when there is one. */
    private static final class CoreSender implements Sender {
        private final ClientSessionFactory factory;
        private final ClientSession session;
        private final ClientProducer producer;
        private final SendAcknowledgementHandler handler;

        CoreSender(ServerLocator locator, String topic, SendAcknowledgementHandler handler) throws Exception {
            this.factory = locator.createSessionFactory();
            this.session = factory.createSession();
            this.producer = session.createProducer(topic);
            this.handler = handler;
        }

        @Override
        public void send(byte[] body) throws ActiveMQException {
            ClientMessage message = session.createMessage(false);
            message.getBodyBuffer().writeBytes(body);
            if (handler == null) {
                producer.send(message);
            } else {
                producer.send(message, handler);
            }
        }

        @Override
        public void close() {
            closeQuietly(session, factory);
        }
    }

    @Override
    public Subscription subscribe(String topic, int maxBatch, BodySink sink) throws Exception {
        ClientSessionFactory factory = locator().createSessionFactory();
        ClientSession session = factory.createSession();
        ClientConsumer consumer = session.createConsumer(topic);
        consumer.setMessageHandler(message -> {
            byte[] body = new byte[message.getBodySize()];
            message.getBodyBuffer().readBytes(body);
            sink.onBody(body);
            try {
                message.acknowledge();
            } catch (ActiveMQException e) {
                System.err.println("peers: artemis acknowledge failed: " + e);
            }
        });
        session.start();
        return new Subscription() {
            @Override
            public void awaitAssigned(Duration timeout) {
                // A core consumer is attached to its queue when createConsumer returns.
            }

            @Override
            public void close() {
                closeQuietly(session, factory);
            }
        };
    }

    private synchronized ServerLocator locator() throws Exception {
        ServerLocator locator = ActiveMQClient.createServerLocator(server.url());
        locators.push(locator);
        return locator;
    }

    private static void closeQuietly(ClientSession session, ClientSessionFactory factory) {
        try {
            session.close();
        } catch (ActiveMQException e) {
            System.err.println("peers: artemis session close: " + e);
        }
        factory.close();
    }

    @Override
    public long storedMessages(String topic) {
        return server.storedMessages(topic);
    }

    @Override
    public synchronized void close() {
        Deque<ServerLocator> open = new ArrayDeque<>(locators);
        locators.clear();
        BoundedClose.run("artemis", CLOSE_BOUND, () -> open.forEach(ServerLocator::close), server::stop);
    }
}
