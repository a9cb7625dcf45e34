package io.rocklet.mq.client.remoting;

import io.rocklet.mq.api.BrokerUnavailableException;
import io.rocklet.mq.client.codec.MessageRecord;
import io.rocklet.mq.client.codec.RecordReader;
import io.rocklet.mq.client.protocol.ArrivalListener;
import io.rocklet.mq.client.protocol.PullRequest;
import io.rocklet.mq.client.protocol.PullResponse;
import io.rocklet.mq.client.protocol.PullStatus;
import io.rocklet.mq.client.protocol.ReadLease;
import io.rocklet.mq.client.remoting.RemotingClient.CallException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pulls from one broker over the network (PULL_MESSAGE, reference §4.3). A pull that carries an
 * {@link ArrivalListener} (a consumer with nothing buffered for the queue) does not wait: it
 * leaves a suspended pull at the broker and answers "nothing yet". The broker answers that pull at
 * once when messages are there, or when one lands, or when the long poll ends; the answer is kept
 * for the next pull of the queue and the listener wakes the queue. So a consumer's workers never
 * block on the network, and each queue has at most one pull in flight. A pull without a listener
 * is a plain request.
 */
final class RemotePulls {
    /** How long a queue whose pull failed waits before it is pulled again (RocketMQ: 1 s after an exception). */
    private static final long RETRY_MS = 1_000;

    private final RemotingClient client;
    private final String address;
    private final String brokerName;
    private final long timeoutMs;
    private final long longPollMs;
    private final ScheduledExecutorService scheduler;
    /** Answers of suspended pulls, waiting for the next pull of their queue. */
    private final ConcurrentHashMap<QueueKey, Answer> answers = new ConcurrentHashMap<>();

    RemotePulls(RemotingClient client, String address, String brokerName, long timeoutMs, long longPollMs,
                ScheduledExecutorService scheduler) {
        this.client = client;
        this.address = address;
        this.brokerName = brokerName;
        this.timeoutMs = timeoutMs;
        this.longPollMs = longPollMs;
        this.scheduler = scheduler;
    }

    PullResponse pull(PullRequest request) {
        QueueKey key = new QueueKey(request.group(), request.topic(), request.queueId());
        Answer ready = answers.remove(key);
        if (ready != null && ready.offset == request.queueOffset()) {
            return ready.response;
        }
        if (request.arrivalListener() != null) {
            suspend(key, request);
            return new PullResponse(PullStatus.NO_NEW_MSG, request.queueOffset(), -1, -1);
        }
        try {
            return response(client.invokeSync(address, null, command(request, false), timeoutMs));
        } catch (CallException e) {
            throw new BrokerUnavailableException("pull of " + request.topic() + ":" + request.queueId() + " from broker "
                    + brokerName + " failed: " + e.getMessage());
        }
    }

    private void suspend(QueueKey key, PullRequest request) {
        ArrivalListener listener = request.arrivalListener();
        client.invoke(address, null, command(request, true), longPollMs + timeoutMs).whenComplete((answer, error) -> {
            try {
                if (error != null) {
                    throw new BrokerUnavailableException(error.getMessage());
                }
                PullResponse response = response(answer);
                if (response.status() != PullStatus.NO_NEW_MSG) {
                    answers.put(key, new Answer(request.queueOffset(), response));
                }
                listener.onArrival();
            } catch (RuntimeException e) {
                RemotingClient.LOG.warn("pull of {}:{} from {} failed ({}); trying again in {} ms", request.topic(),
                        request.queueId(), brokerName, e.getMessage(), RETRY_MS);
                try {
                    scheduler.schedule(listener::onArrival, RETRY_MS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closing) {
                    // the transport is closing: nobody waits for this queue any more
                }
            }
        });
    }

    private RemotingCommand command(PullRequest r, boolean suspend) {
        int sysFlag = PullFlags.SUBSCRIPTION | (suspend ? PullFlags.SUSPEND : 0)
                | (r.commitOffset() >= 0 ? PullFlags.COMMIT_OFFSET : 0);
        return RemotingCommand.request(RequestCode.PULL_MESSAGE, 0)
                .put("consumerGroup", r.group())
                .put("topic", r.topic())
                .put("queueId", r.queueId())
                .put("queueOffset", r.queueOffset())
                .put("maxMsgNums", r.maxMessages())
                .put("sysFlag", sysFlag)
                .put("commitOffset", Math.max(r.commitOffset(), 0))
                .put("suspendTimeoutMillis", suspend ? longPollMs : 0)
                .put("subscription", r.filter() == null ? "*" : r.filter().expression())
                .put("subVersion", 0)
                .put("expressionType", "TAG")
                .put("bname", brokerName);
    }

    private PullResponse response(RemotingCommand answer) {
        PullStatus status = switch (answer.code) {
            case ResponseCode.SUCCESS -> PullStatus.FOUND;
            case ResponseCode.PULL_NOT_FOUND -> PullStatus.NO_NEW_MSG;
            case ResponseCode.PULL_RETRY_IMMEDIATELY -> PullStatus.NO_MATCHED_MSG;
            case ResponseCode.PULL_OFFSET_MOVED -> PullStatus.OFFSET_MOVED;
            default -> {
                RemotingBroker.checkAuthorized(answer);
                throw new BrokerUnavailableException("broker " + brokerName + " refused a pull (code " + answer.code
                        + "): " + answer.remark);
            }
        };
        long next = answer.longField("nextBeginOffset");
        long min = answer.longField("minOffset", -1);
        long max = answer.longField("maxOffset", -1);
        if (status != PullStatus.FOUND || answer.body == null) {
            return new PullResponse(status == PullStatus.FOUND ? PullStatus.NO_MATCHED_MSG : status, next, min, max);
        }
        return new PullResponse(status, next, min, max, records(answer.body), ReadLease.NONE);
    }

    /** The stored records back to back in a pull's body, each as its own slice. */
    static List<ByteBuffer> records(byte[] body) {
        ByteBuffer all = ByteBuffer.wrap(body);
        List<ByteBuffer> records = new ArrayList<>();
        int at = 0;
        while (at + MessageRecord.FIXED_PART_V4 <= body.length) {
            int size = RecordReader.totalSize(all, at);
            if (size < MessageRecord.OVERHEAD_V4 || at + size > body.length) {
                throw new BrokerUnavailableException("a pulled record of " + size + " bytes does not fit the "
                        + body.length + "-byte answer");
            }
            records.add(all.slice(at, size));
            at += size;
        }
        return records;
    }

    private record QueueKey(String group, String topic, int queueId) {
    }

    private record Answer(long offset, PullResponse response) {
    }
}
