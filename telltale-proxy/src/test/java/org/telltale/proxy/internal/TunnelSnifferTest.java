package org.telltale.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first bytes inside a tunnel, as a socket delivers them: in one read or cut over several. */
class TunnelSnifferTest {
    @TempDir
    Path dir;

    private static EmbeddedChannel tunnel(TestRuntime t) throws Exception {
        EmbeddedChannel channel = t.channel(new TunnelSniffer());
        ClientConnection.of(channel).tunnel(new Tunnel("127.0.0.1", 9));
        return channel;
    }

    @Test
    void aClientHelloInOneReadIsIntercepted() throws Exception {
        TestRuntime t = new TestRuntime(dir, 1000);
        EmbeddedChannel channel = tunnel(t);

        channel.writeInbound(Unpooled.wrappedBuffer(ClientHelloTest.jdkHello("whole.example.com", "h2", "http/1.1")));

        assertThat(channel.pipeline().names()).contains("tls", "alpn").doesNotContain("opaque");
        assertThat(ClientConnection.of(channel).serverName()).isEqualTo("whole.example.com");
        assertThat(t.sink.observations()).isEmpty();
        channel.finishAndReleaseAll();
    }

    /**
     * A socket read gives what has arrived, 2 KiB at first with Netty's adaptive buffers; Chromium's
     * ClientHello with a post-quantum key share and a session ticket is larger, so it comes in two.
     */
    @Test
    void aClientHelloCutOverSeveralReadsIsWaitedForAndIntercepted() throws Exception {
        TestRuntime t = new TestRuntime(dir, 1000);
        EmbeddedChannel channel = tunnel(t);
        byte[] hello = ClientHelloTest.jdkHello("cut.example.com", "http/1.1");
        int third = hello.length / 3;

        channel.writeInbound(Unpooled.wrappedBuffer(hello, 0, third));
        assertThat(channel.pipeline().get(TunnelSniffer.class)).as("waits for the rest").isNotNull();
        channel.writeInbound(Unpooled.wrappedBuffer(hello, third, third));
        assertThat(channel.pipeline().get(TunnelSniffer.class)).as("still waits").isNotNull();
        channel.writeInbound(Unpooled.wrappedBuffer(hello, 2 * third, hello.length - 2 * third));

        assertThat(channel.pipeline().names()).contains("tls", "alpn").doesNotContain("opaque");
        assertThat(ClientConnection.of(channel).serverName()).isEqualTo("cut.example.com");
        assertThat(t.sink.observations()).as("nothing reported unread").isEmpty();
        channel.finishAndReleaseAll();
    }
}
