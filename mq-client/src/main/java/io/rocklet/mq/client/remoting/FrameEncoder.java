package io.rocklet.mq.client.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a command as one frame with a JSON header. */
public final class FrameEncoder extends MessageToByteEncoder<RemotingCommand> {
    @Override
    protected void encode(ChannelHandlerContext ctx, RemotingCommand command, ByteBuf out) {
        byte[] header = CommandCodec.encodeHeader(command);
        int bodyLength = command.body == null ? 0 : command.body.length;
        out.writeInt(4 + header.length + bodyLength);
        out.writeInt(header.length);
        out.writeBytes(header);
        if (bodyLength > 0) {
            out.writeBytes(command.body);
        }
    }
}
