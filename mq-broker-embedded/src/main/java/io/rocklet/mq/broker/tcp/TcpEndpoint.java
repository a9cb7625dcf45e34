package io.rocklet.mq.broker.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.rocklet.mq.client.internal.NamedThreadFactory;
import io.rocklet.mq.client.remoting.FrameDecoder;
import io.rocklet.mq.client.remoting.FrameEncoder;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The TCP endpoint of one broker and its name server, speaking Apache RocketMQ's remoting protocol
 * on one port (name-server and broker codes do not overlap). One acceptor thread and two I/O
 * threads; requests are served on the I/O threads because the broker's calls never block (a long
 * poll parks without a thread). Writes are flushed in batches; a client whose unread responses pass
 * the high-water mark is closed rather than allowed to hold memory; idle channels close after 120 s.
 *
 * <p>Bound first (so the broker's store host is this address), served once the broker is built.
 */
public final class TcpEndpoint implements AutoCloseable {
    private static final int IDLE_SECONDS = 120;
    private static final int HIGH_WATER_MARK = 64 << 20;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;
    private volatile CommandHandler handler;

    private TcpEndpoint(String host, int port, String name) {
        boss = new NioEventLoopGroup(1, new NamedThreadFactory("tcp-accept-" + name));
        workers = new NioEventLoopGroup(2, new NamedThreadFactory("tcp-io-" + name));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(HIGH_WATER_MARK / 2, HIGH_WATER_MARK))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast(
                                new FlushConsolidationHandler(256, true),
                                new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS),
                                new FrameDecoder(),
                                new FrameEncoder(),
                                new Guard(),
                                new Dispatch());
                    }
                });
        try {
            server = bootstrap.bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** Binds {@code host:port} (port 0 = any free port) without serving yet. */
    public static TcpEndpoint bind(String host, int port, String name) {
        return new TcpEndpoint(host, port, name);
    }

    /** Starts serving requests from the backend. */
    public void serve(TcpBackend backend) {
        this.handler = new CommandHandler(new BrokerCodes(backend), new NameServerCodes(backend));
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Frames that did not decode (each closed its connection). */
    public long badFrames() {
        CommandHandler h = handler;
        return h == null ? 0 : h.badFrames.sum();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Idle timeout and write back-pressure. */
    private static final class Guard extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                CommandHandler.LOG.info("closing idle connection from {}", ctx.channel().remoteAddress());
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            if (!ctx.channel().isWritable() && ctx.channel().bytesBeforeWritable() > HIGH_WATER_MARK) {
                CommandHandler.LOG.warn("closing {}: it does not read its responses", ctx.channel().remoteAddress());
                ctx.close();
            }
            super.channelWritabilityChanged(ctx);
        }
    }

    /** Hands commands to the handler once the broker serves; until then answers "not available". */
    private final class Dispatch extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            CommandHandler h = handler;
            if (h == null) {
                io.rocklet.mq.client.remoting.RemotingCommand request = (io.rocklet.mq.client.remoting.RemotingCommand) msg;
                if (!request.isOneway() && !request.isResponse()) {
                    ctx.writeAndFlush(io.rocklet.mq.client.remoting.RemotingCommand.responseTo(request,
                            io.rocklet.mq.client.remoting.ResponseCode.SYSTEM_BUSY, "broker starting"));
                }
                return;
            }
            h.channelRead(ctx, msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            CommandHandler h = handler;
            if (h != null) {
                h.exceptionCaught(ctx, cause);
            } else {
                ctx.close();
            }
        }
    }
}
