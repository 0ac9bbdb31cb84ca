package org.telltale.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyFrontendTest {
    @TempDir
    Path dir;

    private EmbeddedChannel plainProxy(TestRuntime t) throws Exception {
        EmbeddedChannel channel = t.channel(new io.netty.channel.ChannelInboundHandlerAdapter());
        PlainProxyPipeline.install(channel.pipeline(), channel.pipeline().firstContext().name());
        return channel;
    }

    @Test
    void connectOpensATunnelAndHandsTheBytesAfterItToTheTunnelSniffer() throws Exception {
        TestRuntime t = new TestRuntime(dir, 1000);
        EmbeddedChannel channel = plainProxy(t);

        channel.writeInbound(Unpooled.copiedBuffer("CONNECT example.com:8443 HTTP/1.1\r\nHost: example.com:8443\r\n\r\n",
                StandardCharsets.US_ASCII));

        assertThat(ProtocolSnifferTest.readAll(channel)).isEqualTo("HTTP/1.1 200 Connection established\r\n\r\n");
        assertThat(channel.pipeline().names()).contains("tunnel")
                .doesNotContain("http", "frontend", "keepalive", "recorder", "forwarder");
        assertThat(ClientConnection.of(channel).tunnel()).isEqualTo(new Tunnel("example.com", 8443));
        assertThat(t.sink.observations()).isEmpty();
        channel.finishAndReleaseAll();
    }

    @Test
    void aConnectWithoutAPortIsRefusedWithADiagnostic() throws Exception {
        TestRuntime t = new TestRuntime(dir, 1000);
        EmbeddedChannel channel = plainProxy(t);

        channel.writeInbound(Unpooled.copiedBuffer("CONNECT example.com HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII));

        assertThat(ProtocolSnifferTest.readAll(channel)).startsWith("HTTP/1.1 400 Bad Request");
        assertThat(t.sink.diagnostics()).singleElement().asString()
                .matches("connection \\d+: malformed request: CONNECT example.com names no host:port");
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void connectTargetsAreHostColonPort() {
        assertThat(ConnectTarget.parse("example.com:443")).isEqualTo(new Tunnel("example.com", 443));
        assertThat(ConnectTarget.parse("10.0.0.1:80")).isEqualTo(new Tunnel("10.0.0.1", 80));
        assertThat(ConnectTarget.parse("[::1]:8443")).isEqualTo(new Tunnel("::1", 8443));
        assertThat(ConnectTarget.parse("example.com")).isNull();
        assertThat(ConnectTarget.parse("example.com:0")).isNull();
        assertThat(ConnectTarget.parse("example.com:65536")).isNull();
        assertThat(ConnectTarget.parse("user@example.com:443")).isNull();
        assertThat(ConnectTarget.parse("http://example.com:443")).isNull();
        assertThat(ConnectTarget.parse("[::1]8443")).isNull();
    }
}
