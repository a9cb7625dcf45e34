package io.rocklet.mq.api;

import java.time.Duration;
import java.time.Instant;

/** Configures and starts a {@link PushConsumer}. Not thread-safe. */
public interface PushConsumerBuilder {
    PushConsumerBuilder group(String group);

    /**
     * Subscribes to a topic with a tag expression: {@code "*"} (all) or {@code "TagA || TagB"}.
     *
     * @throws InvalidSubscriptionException the expression cannot be parsed
     */
    PushConsumerBuilder subscribe(String topic, String tagExpression);

    /** The listener, called with one message at a time. */
    PushConsumerBuilder listener(MessageListener listener);

    /** A listener called with up to {@link #consumeBatchSize(int)} messages of one queue. */
    PushConsumerBuilder batchListener(BatchMessageListener listener);

    /** Messages per listener call for a batch listener (default 1). */
    PushConsumerBuilder consumeBatchSize(int size);

    /** Threads in the consume pool (default 20). */
    PushConsumerBuilder consumeThreads(int threads);

    /** Messages fetched per pull (default 32). */
    PushConsumerBuilder pullBatchSize(int size);

    PushConsumerBuilder messageModel(MessageModel model);

    /** Where to start on a queue the group has no offset for (default {@link ConsumeFromWhere#LAST}). */
    PushConsumerBuilder consumeFromWhere(ConsumeFromWhere where);

    /** The time for {@link ConsumeFromWhere#TIMESTAMP}. */
    PushConsumerBuilder consumeTimestamp(Instant timestamp);

    /** Flow control: pause fetching a queue above this many buffered messages (default 1000). */
    PushConsumerBuilder maxBufferedMessagesPerQueue(int messages);

    /** Flow control: pause fetching a queue above this many buffered body bytes (default 100 MiB). */
    PushConsumerBuilder maxBufferedBytesPerQueue(long bytes);

    /** How often offsets are committed to the broker (default 5 s). */
    PushConsumerBuilder autoCommitInterval(Duration interval);

    /** How often the member re-checks its queues besides membership events (default 20 s). */
    PushConsumerBuilder rebalanceInterval(Duration interval);

    /** How often the member tells its brokers it is alive (default 30 s). */
    PushConsumerBuilder heartbeatInterval(Duration interval);

    /**
     * Broadcasting: keeps this instance's offsets in {@code directory/<group>/<instanceName>.offsets}
     * instead of memory, so a restarted instance with the same stable name continues where it
     * stopped (default: in memory, starting per {@code consumeFromWhere} on every start).
     */
    PushConsumerBuilder broadcastOffsets(java.nio.file.Path directory, String instanceName);

    /**
     * Consumes each queue strictly serially, in queue order: one message (or batch) at a time per
     * queue, different queues in parallel. In clustering a member consumes a queue only while it
     * holds the queue's lock at the broker, so a queue never has two consumers, even during a
     * rebalance. A failure ({@link ConsumeResult#SUSPEND_QUEUE}, {@code RECONSUME_LATER}, null,
     * an exception) pauses the queue for {@link #suspendTime} and retries the same message. Default
     * false (concurrent).
     */
    PushConsumerBuilder consumeOrderly(boolean orderly);

    /** Orderly: how long a queue pauses after a failed message (default 1 s). */
    PushConsumerBuilder suspendTime(Duration suspend);

    /**
     * Orderly: how long a queue lock taken at the broker counts as held here ({@code lease},
     * default 30 s) and how often it is renewed ({@code renewEvery}, default 20 s). Keep the
     * lease shorter than the broker's lock TTL (60 s) and the renewal shorter than the lease.
     */
    PushConsumerBuilder queueLocks(Duration lease, Duration renewEvery);

    /**
     * How many times a failed message is consumed again before it goes to the group's dead-letter
     * queue {@code %DLQ%<group>} (default 16: 17 deliveries in all; orderly: unlimited unless set). Broadcasting consumers retry
     * locally up to this many times, then log and count the message as dropped.
     */
    PushConsumerBuilder maxReconsumeTimes(int times);

    /**
     * How long a listener call may run before its messages count as failed and are retried
     * (default 15 minutes). The late result is ignored; the stuck thread is logged with the
     * message id.
     */
    PushConsumerBuilder consumeTimeout(Duration timeout);

    /** How long {@code close()} waits for running listeners (default 5 s). */
    PushConsumerBuilder shutdownTimeout(Duration timeout);

    /**
     * The idle strategy of the consume threads: how long one idle thread spins, watching for new
     * messages, before it parks (default zero: park at once). A spin of some tens of microseconds
     * takes the thread wake-up out of the path from send to listener — lower latency and higher
     * throughput for one busy CPU core while the consumer is idle.
     */
    PushConsumerBuilder spinBeforePark(Duration spin);

    /**
     * Starts the consumer.
     *
     * @throws InvalidConfigurationException no group, no subscription, or no listener
     */
    PushConsumer build();
}
