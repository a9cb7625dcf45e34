package io.rocklet.mq.client.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/** Cuts the byte stream into frames (4-byte length, at most 16 MiB) and decodes each into a command. */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    public FrameDecoder() {
        super(CommandCodec.MAX_FRAME_BYTES, 0, 4, 0, 4);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        if (frame == null) {
            return null;
        }
        try {
            return CommandCodec.decode(frame.nioBuffer());
        } finally {
            frame.release();
        }
    }
}
