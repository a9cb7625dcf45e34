package io.rocklet.mq.client.remoting;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted remoting server on 127.0.0.1 for the client's tests: the shared frame codec, every
 * request recorded, and a {@link Script} per test that decides what to do with each (answer,
 * answer later, ignore, close the connection). One I/O thread.
 */
final class FakeServer implements AutoCloseable {
    /** What the server does with a request; runs on the server's I/O thread. */
    @FunctionalInterface
    interface Script {
        void on(RemotingCommand request, Channel channel);
    }

    /** Answers every request with SUCCESS, echoing its {@code echo} field. */
    static final Script ECHO = (request, channel) -> channel.writeAndFlush(echo(request));

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final List<RemotingCommand> requests = new CopyOnWriteArrayList<>();
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Script script;
    private Channel server;
    private int port;

    private FakeServer(Script script) {
        this.script = script;
    }

    /** A server on an ephemeral port. */
    static FakeServer start(Script script) {
        return create(script).bind(0);
    }

    /** A server not yet listening: {@link #bind} it later (its I/O thread is up already). */
    static FakeServer create(Script script) {
        return new FakeServer(script);
    }

    /** A port nothing listens on (it was free a moment ago). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    FakeServer bind(int port) {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.incrementAndGet();
                        channels.add(ch);
                        ch.closeFuture().addListener(f -> channels.remove(ch));
                        ch.pipeline().addLast(new FrameDecoder(), new FrameEncoder(), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                RemotingCommand request = (RemotingCommand) msg;
                                requests.add(request);
                                script.on(request, ctx.channel());
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
        this.port = ((InetSocketAddress) server.localAddress()).getPort();
        return this;
    }

    static RemotingCommand echo(RemotingCommand request) {
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).put("echo", request.field("echo"));
    }

    void script(Script script) {
        this.script = script;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Connections open now. */
    List<Channel> open() {
        return List.copyOf(channels);
    }

    List<RemotingCommand> requests() {
        return requests;
    }

    /** Stops listening and closes every connection; the I/O thread stays for a later {@link #bind}. */
    void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
        }
        for (Channel c : open()) {
            c.close().syncUninterruptibly();
        }
    }

    @Override
    public void close() {
        stop();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
