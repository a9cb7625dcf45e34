package io.rocklet.mq.client.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a command as one frame with a JSON header. */
public final class FrameEncoder extends MessageToByteEncoder<RemotingCommand> {
    @Override
    protected void encode(ChannelHandlerContext ctx, RemotingCommand command, ByteBuf out) {
        int bodyLength = command.body == null ? 0 : command.body.length;
        int start = out.writerIndex();
        out.writeLong(0); // total length and header length, set once the header is written
        int headerLength = CommandCodec.writeHeader(command, out);
        out.setInt(start, 4 + headerLength + bodyLength);
        out.setInt(start + 4, headerLength);
        if (bodyLength > 0) {
            out.writeBytes(command.body);
        }
    }
}
