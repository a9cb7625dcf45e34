package io.rocklet.mq.bench.peers;

import java.time.Duration;

/**
 * One running broker of a peer system and the clients the scenarios use on it. The scenarios speak
 * RocketMQ's nouns (topic, push consumer); each implementation says what they map to.
 */
interface PeerBroker extends AutoCloseable {
    /** Creates {@code topic} and returns when a producer can route to it. */
    void createTopic(String topic) throws Exception;

    /** A sender for one thread whose {@link Sender#send} returns when the broker has the message. */
    Sender syncSender(String topic) throws Exception;

    /**
     * A sender for one thread whose {@link Sender#send} returns at once; {@code outcome} hears of
     * each message later, on a client thread. {@code window} is how many messages the caller keeps in
     * flight at most (the caller bounds it; a system may size its acknowledgement batching by it).
     */
    Sender asyncSender(String topic, int window, SendOutcome outcome) throws Exception;

    /** A sender for one thread whose {@link Sender#send} returns at once and never hears back. */
    Sender onewaySender(String topic) throws Exception;

    /**
     * Starts a push consumer on {@code topic} from its first message. {@code sink} runs on the
     * consumer's threads; {@code maxBatch} is how many messages one listener call may take where the
     * system has batch listeners.
     */
    Subscription subscribe(String topic, int maxBatch, BodySink sink) throws Exception;

    /** How many messages the broker holds for {@code topic}, counted on the broker side. */
    long storedMessages(String topic);

    /**
     * The client library's threads, told apart from the server's in this JVM, for
     * {@link ClientAllocation}; null where client and server share threads (no allocation measured).
     */
    default ClientAllocation.ClientThreads clientThreads() {
        return null;
    }

    /** Stops clients and broker; returns within a bounded time even if the broker is slower to stop. */
    @Override
    void close();

    /** Sends message bodies to one topic; not thread-safe: one per sending thread. */
    interface Sender extends AutoCloseable {
        void send(byte[] body) throws Exception;

        @Override
        void close();
    }

    /** What an asynchronous sender reports per message; runs on a client thread. */
    interface SendOutcome {
        void onStored();

        void onFailed(Throwable cause);
    }

    /** Receives each consumed message body; runs on a consumer thread. */
    @FunctionalInterface
    interface BodySink {
        void onBody(byte[] body);
    }

    /** A running push consumer. */
    interface Subscription extends AutoCloseable {
        /** Blocks until the consumer owns every queue of its topic, so that a timed run leaves out its rebalance. */
        void awaitAssigned(Duration timeout) throws InterruptedException;

        @Override
        void close();
    }
}
