package io.rocklet.mq.broker.tcp;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.rocklet.mq.client.remoting.RemotingCommand;
import io.rocklet.mq.client.remoting.RemotingException;
import io.rocklet.mq.client.remoting.RequestCode;
import io.rocklet.mq.client.remoting.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.LongAdder;

/**
 * Serves decoded requests: name-server and broker codes share the port (their codes do not
 * overlap). Every request that is not oneway is answered — with code 3 when unknown, 1 when it
 * cannot be served — since an official client closes a channel whose sync call times out. A
 * frame that does not decode closes the connection (its opaque is unknown). Shared by all channels.
 */
@ChannelHandler.Sharable
final class CommandHandler extends SimpleChannelInboundHandler<RemotingCommand> {
    static final Logger LOG = LoggerFactory.getLogger("io.rocklet.mq.broker.tcp");

    private final BrokerCodes broker;
    private final NameServerCodes nameServer;
    final LongAdder badFrames = new LongAdder();
    final LongAdder failedRequests = new LongAdder();

    CommandHandler(BrokerCodes broker, NameServerCodes nameServer) {
        this.broker = broker;
        this.nameServer = nameServer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RemotingCommand request) {
        if (request.isResponse()) {
            return; // an answer to one of our oneway calls: nothing waits for it
        }
        RemotingCommand response;
        try {
            response = request.code == RequestCode.GET_ROUTEINFO_BY_TOPIC
                    ? nameServer.route(request) : broker.handle(ctx, request);
        } catch (RemotingException e) {
            failedRequests.increment();
            LOG.debug("request {} from {} failed: {}", request.code, ctx.channel().remoteAddress(), e.getMessage());
            response = RemotingCommand.responseTo(request, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            failedRequests.increment();
            LOG.warn("request {} from {} failed", request.code, ctx.channel().remoteAddress(), e);
            response = RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.toString());
        }
        if (response != null && !request.isOneway()) {
            ctx.writeAndFlush(response);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        badFrames.increment();
        String why = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause().toString() : cause.toString();
        LOG.warn("closing connection from {}: {}", ctx.channel().remoteAddress(), why);
        ctx.close();
    }
}
