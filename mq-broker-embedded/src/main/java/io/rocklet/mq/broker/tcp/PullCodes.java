package io.rocklet.mq.broker.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.rocklet.mq.client.protocol.ArrivalListener;
import io.rocklet.mq.client.protocol.BrokerApi;
import io.rocklet.mq.client.protocol.PullRequest;
import io.rocklet.mq.client.protocol.PullResponse;
import io.rocklet.mq.client.protocol.TagFilter;
import io.rocklet.mq.client.remoting.PullFlags;
import io.rocklet.mq.client.remoting.RemotingCommand;
import io.rocklet.mq.client.remoting.ResponseCode;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361) with long polling (reference §4.3): with the
 * SUSPEND flag and nothing to read, the pull is parked at the queue and answered when a message
 * lands or, empty (19), at its suspend timeout. Runs on the channel's event loop; arrivals hop
 * back to it.
 */
final class PullCodes {

    private final TcpBackend backend;

    PullCodes(TcpBackend backend) {
        this.backend = backend;
    }

    void pull(ChannelHandlerContext ctx, RemotingCommand request) {
        String group = request.stringField("consumerGroup");
        String topic = request.stringField("topic");
        int sysFlag = request.intField("sysFlag");
        TagFilter filter = null;
        if ((sysFlag & PullFlags.SUBSCRIPTION) != 0 && request.field("subscription") != null
                && !"SQL92".equals(request.field("expressionType"))) {
            filter = TagFilter.parse(request.field("subscription"));
        } else {
            filter = backend.subscription(group, topic);
        }
        long commitOffset = (sysFlag & PullFlags.COMMIT_OFFSET) != 0 ? request.longField("commitOffset", -1) : -1;
        long suspendMs = (sysFlag & PullFlags.SUSPEND) != 0 ? Math.min(request.longField("suspendTimeoutMillis", 15_000), 25_000) : 0;
        new Attempt(ctx, request, backend.broker(), group, topic, request.intField("queueId"),
                request.longField("queueOffset"), (int) Math.min(request.longField("maxMsgNums", 32), 1024),
                filter == null || filter.matchesAll() ? null : filter, commitOffset, suspendMs).run(true);
    }

    /** One pull, possibly parked; answered exactly once. */
    private static final class Attempt implements ArrivalListener {
        private final ChannelHandlerContext ctx;
        private final RemotingCommand request;
        private final BrokerApi broker;
        private final String group;
        private final String topic;
        private final int queueId;
        private final long offset;
        private final int maxMessages;
        private final TagFilter filter;
        private long commitOffset;
        private final long suspendMs;
        private final AtomicBoolean answered = new AtomicBoolean();
        private ScheduledFuture<?> timeout;

        Attempt(ChannelHandlerContext ctx, RemotingCommand request, BrokerApi broker, String group, String topic, int queueId,
                long offset, int maxMessages, TagFilter filter, long commitOffset, long suspendMs) {
            this.ctx = ctx;
            this.request = request;
            this.broker = broker;
            this.group = group;
            this.topic = topic;
            this.queueId = queueId;
            this.offset = offset;
            this.maxMessages = maxMessages;
            this.filter = filter;
            this.commitOffset = commitOffset;
            this.suspendMs = suspendMs;
        }

        /** Reads; parks when allowed and nothing is there. Event-loop thread only. */
        void run(boolean mayPark) {
            if (answered.get() || !ctx.channel().isActive()) {
                return;
            }
            boolean park = mayPark && suspendMs > 0;
            PullResponse response = broker.pull(new PullRequest(group, topic, queueId, offset, maxMessages, filter,
                    commitOffset, park ? this : null));
            commitOffset = -1; // stored once
            if (park && response.status() == io.rocklet.mq.client.protocol.PullStatus.NO_NEW_MSG) {
                if (timeout == null) {
                    timeout = ctx.executor().schedule(() -> run(false), suspendMs, TimeUnit.MILLISECONDS);
                }
                return;
            }
            answer(response);
        }

        @Override
        public void onArrival() {
            ctx.executor().execute(() -> run(true));
        }

        private void answer(PullResponse response) {
            try {
                if (!answered.compareAndSet(false, true)) {
                    return;
                }
                if (timeout != null) {
                    timeout.cancel(false);
                }
                int code = switch (response.status()) {
                    case FOUND -> ResponseCode.SUCCESS;
                    case NO_NEW_MSG -> ResponseCode.PULL_NOT_FOUND;
                    case NO_MATCHED_MSG -> ResponseCode.PULL_RETRY_IMMEDIATELY;
                    case OFFSET_MOVED -> ResponseCode.PULL_OFFSET_MOVED;
                };
                RemotingCommand reply = RemotingCommand.responseTo(request, code, null)
                        .put("nextBeginOffset", response.nextBeginOffset())
                        .put("minOffset", response.minOffset())
                        .put("maxOffset", response.maxOffset())
                        .put("suggestWhichBrokerId", 0);
                if (!response.records().isEmpty()) {
                    int size = 0;
                    for (ByteBuffer r : response.records()) {
                        size += r.remaining();
                    }
                    byte[] body = new byte[size];
                    int at = 0;
                    for (ByteBuffer r : response.records()) {
                        int n = r.remaining();
                        r.duplicate().get(body, at, n);
                        at += n;
                    }
                    reply.body = body;
                }
                ctx.writeAndFlush(reply);
            } finally {
                response.release(); // the records were copied into the reply
            }
        }
    }
}
