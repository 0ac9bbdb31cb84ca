package org.telltale.proxy.internal;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;

/** A client speaking SOCKS5: the greeting, then one CONNECT command, then the tunnel. */
public final class Socks5Pipeline {
    private Socks5Pipeline() {
    }

    public static void install(ChannelPipeline pipeline, String after) {
        pipeline.addAfter(after, "socks-encoder", Socks5ServerEncoder.DEFAULT);
        pipeline.addAfter("socks-encoder", "socks-decoder", new Socks5InitialRequestDecoder());
        pipeline.addAfter("socks-decoder", "socks", new Socks5Handshake());
    }
}
