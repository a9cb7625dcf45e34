package io.rocklet.mq.client.remoting;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.rocklet.mq.client.internal.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of the remoting protocol: connections by address (and, for a client id's group
 * membership, by owner), requests matched to responses by {@code opaque}, a timeout per call, and
 * the broker's requests to the client handed to an {@link Inbound}. A call that times out fails
 * alone: the connection stays open for the other calls and parked pulls sharing it. A connection
 * that fails to open is retried no sooner than after a growing back-off (100 ms doubling to 5 s).
 * Idle connections are closed and reopened on the next call. One I/O thread.
 */
public final class RemotingClient implements AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger(RemotingClient.class);
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;
    /** How often calls are checked for their timeout (one scan instead of a timer per call). */
    private static final long EXPIRY_SCAN_MS = 10;

    /** Requests a broker sends to this client (codes 39, 40, 220). Runs on the I/O thread: hand work over at once. */
    @FunctionalInterface
    public interface Inbound {
        void request(String address, String owner, RemotingCommand request);
    }

    private final EventLoopGroup ioThreads;
    private final Bootstrap bootstrap;
    private final Signer signer;
    private final Inbound inbound;
    private final long connectTimeoutMs;
    private final AtomicInteger opaque = new AtomicInteger();
    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public RemotingClient(String name, Signer signer, long connectTimeoutMs, long idleTimeoutMs, Inbound inbound) {
        this.signer = signer;
        this.inbound = inbound;
        this.connectTimeoutMs = connectTimeoutMs;
        this.ioThreads = new NioEventLoopGroup(1, new NamedThreadFactory("remoting-io-" + name));
        this.bootstrap = new Bootstrap()
                .group(ioThreads)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeoutMs)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new IdleStateHandler(0, 0, idleTimeoutMs, TimeUnit.MILLISECONDS),
                                new FrameDecoder(),
                                new FrameEncoder(),
                                new Responses());
                    }
                });
        ioThreads.next().scheduleWithFixedDelay(this::expire, EXPIRY_SCAN_MS, EXPIRY_SCAN_MS, TimeUnit.MILLISECONDS);
    }

    /** Sends a request and completes with the response; fails with {@link CallException} on timeout or a lost connection. */
    public CompletableFuture<RemotingCommand> invoke(String address, String owner, RemotingCommand request, long timeoutMs) {
        Pending result = new Pending(address, request.code, timeoutMs);
        Connection connection;
        Channel channel;
        try {
            connection = connection(address, owner);
            channel = connection.channel();
        } catch (CallException e) {
            result.completeExceptionally(e);
            return result;
        }
        request.opaque = opaque.incrementAndGet();
        signer.sign(request);
        int id = request.opaque;
        connection.pending.put(id, result);
        if (LOG.isDebugEnabled()) {
            result.whenComplete((r, e) -> LOG.debug("{} {} {} -> {} {} {}", address, request.code, request.extFields,
                    r == null ? e : r.code, r == null ? "" : r.extFields, r == null ? "" : r.remark));
        }
        // A failed write closes the channel (exceptionCaught), which fails the pending calls at once.
        channel.writeAndFlush(request, channel.voidPromise());
        return result;
    }

    /** Fails the calls whose time is up; runs on the I/O thread every {@link #EXPIRY_SCAN_MS}. */
    private void expire() {
        long now = System.nanoTime();
        for (Connection connection : connections.values()) {
            connection.pending.values().removeIf(call -> call.expireIfDue(now));
        }
    }

    /** {@link #invoke}, waiting for the answer. */
    public RemotingCommand invokeSync(String address, String owner, RemotingCommand request, long timeoutMs) {
        try {
            return invoke(address, owner, request, timeoutMs).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallException("interrupted while waiting for " + address, false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CallException ce) {
                throw new CallException(ce.getMessage(), ce.timedOut()); // with this thread's stack
            }
            throw new CallException("call to " + address + " failed: " + e.getCause(), false);
        }
    }

    /** Sends a request nobody answers. */
    public void invokeOneway(String address, String owner, RemotingCommand request) {
        Channel channel = connection(address, owner).channel();
        request.opaque = opaque.incrementAndGet();
        request.flag |= RemotingCommand.FLAG_ONEWAY;
        signer.sign(request);
        LOG.debug("{} {} {} oneway", address, request.code, request.extFields);
        channel.writeAndFlush(request);
    }

    /** Closes the owner's connection to {@code address} (its membership ends with it at the broker). */
    public void disconnect(String address, String owner) {
        Connection c = connections.remove(key(address, owner));
        if (c != null) {
            c.close();
        }
    }

    private Connection connection(String address, String owner) {
        if (closed) {
            throw new CallException("the client is closed", false);
        }
        return connections.computeIfAbsent(key(address, owner), k -> new Connection(address, owner));
    }

    private static String key(String address, String owner) {
        return owner == null ? address : address + "/" + owner;
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c : new ArrayList<>(connections.values())) {
            c.close();
        }
        connections.clear();
        ioThreads.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** A call waiting for its answer, with the time it gives up. */
    private static final class Pending extends CompletableFuture<RemotingCommand> {
        private final String address;
        private final int code;
        private final long timeoutMs;
        private final long deadlineNanos;

        Pending(String address, int code, long timeoutMs) {
            this.address = address;
            this.code = code;
            this.timeoutMs = timeoutMs;
            this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        }

        /** Fails the call if its time is up; true when it did (the caller removes it). */
        boolean expireIfDue(long nowNanos) {
            if (nowNanos - deadlineNanos < 0) {
                return false;
            }
            completeExceptionally(new CallException("no answer from " + address + " to request code " + code + " within "
                    + timeoutMs + " ms", true));
            return true;
        }
    }

    /** A call failed without an answer: it timed out, or the connection could not be opened or was lost. */
    public static final class CallException extends RuntimeException {
        private final boolean timedOut;

        CallException(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }

        public boolean timedOut() {
            return timedOut;
        }
    }

    /** One TCP connection, opened on demand and again after it closed. */
    private final class Connection {
        final String address;
        final String owner;
        final ConcurrentHashMap<Integer, Pending> pending = new ConcurrentHashMap<>();
        private Channel channel;
        private long backoffMs;
        private long retryAtNanos;

        Connection(String address, String owner) {
            this.address = address;
            this.owner = owner;
        }

        synchronized Channel channel() {
            if (channel != null && channel.isActive()) {
                return channel;
            }
            long now = System.nanoTime();
            if (backoffMs > 0 && now < retryAtNanos) {
                throw new CallException("cannot connect to " + address + "; next attempt in "
                        + TimeUnit.NANOSECONDS.toMillis(retryAtNanos - now) + " ms", false);
            }
            ChannelFuture connect = bootstrap.connect(socketAddress(address));
            if (!connect.awaitUninterruptibly(connectTimeoutMs + 100) || !connect.isSuccess()) {
                connect.channel().close();
                backoffMs = backoffMs == 0 ? MIN_BACKOFF_MS : Math.min(backoffMs * 2, MAX_BACKOFF_MS);
                retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
                LOG.warn("cannot connect to {} ({}); retrying no sooner than in {} ms", address, connect.cause(), backoffMs);
                throw new CallException("cannot connect to " + address + ": " + connect.cause(), false);
            }
            backoffMs = 0;
            channel = connect.channel();
            channel.attr(Responses.CONNECTION).set(this);
            return channel;
        }

        void failAll(String why) {
            for (Integer id : new ArrayList<>(pending.keySet())) {
                Pending f = pending.remove(id);
                if (f != null) {
                    f.completeExceptionally(new CallException(why, false));
                }
            }
        }

        synchronized void close() {
            if (channel != null) {
                channel.close();
            }
            failAll("connection to " + address + " closed");
        }
    }

    private static InetSocketAddress socketAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new CallException("not a host:port address: " + address, false);
        }
        try {
            return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new CallException("not a host:port address: " + address, false);
        }
    }

    /** Matches responses to calls, hands requests to {@link Inbound}, closes idle channels. */
    private final class Responses extends ChannelInboundHandlerAdapter {
        static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("rocklet.connection");

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            RemotingCommand command = (RemotingCommand) msg;
            Connection connection = ctx.channel().attr(CONNECTION).get();
            if (connection == null) {
                return;
            }
            if (command.isResponse()) {
                Pending call = connection.pending.remove(command.opaque);
                if (call != null) {
                    call.complete(command);
                }
                return;
            }
            try {
                inbound.request(connection.address, connection.owner, command);
            } catch (RuntimeException e) {
                LOG.warn("request code {} from {} failed", command.code, connection.address, e);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            Connection connection = ctx.channel().attr(CONNECTION).get();
            if (connection != null) {
                connection.failAll("connection to " + connection.address + " closed");
            }
            super.channelInactive(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("closing the connection to {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
