package org.telltale.proxy.internal;

import java.nio.file.Path;
import java.util.List;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.telltale.proxy.CertificateAuthority;
import org.telltale.proxy.ProxySettings;
import org.telltale.proxy.RecordingSink;

/** A proxy runtime without a listener, for handler tests on an {@link EmbeddedChannel}. */
final class TestRuntime {
    final RecordingSink sink = new RecordingSink();
    final ProxyRuntime runtime;

    TestRuntime(Path dir, long bodyLimit) throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"));
        ProxySettings settings = new ProxySettings("127.0.0.1", 0, List.of("127.0.0.1/32"), List.of(), false, null,
                bodyLimit, null);
        TlsContexts tls = new TlsContexts(new LeafCertificates(ca.certificate(), CaKeys.of(ca)), false, null, null);
        runtime = new ProxyRuntime(settings, sink, tls, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                ca.pem(), ca.der());
    }

    /** A client connection on an embedded channel: the handlers, then "errors" last as on a real one. */
    EmbeddedChannel channel(ChannelHandler... handlers) throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        ClientConnection.attach(channel, runtime);
        channel.pipeline().addLast(handlers);
        channel.pipeline().addLast("errors", new ConnectionErrors());
        channel.register();
        return channel;
    }

    /** A client connection on an embedded channel with only the handlers: what passes them can be read. */
    EmbeddedChannel bare(ChannelHandler... handlers) throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        ClientConnection.attach(channel, runtime);
        channel.pipeline().addLast(handlers);
        channel.register();
        return channel;
    }
}
