package org.telltale.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolSnifferTest {
    @TempDir
    Path dir;

    @Test
    void aFirstByteOf5IsASocks5GreetingAndIsAnsweredAsSuch() throws Exception {
        TestRuntime t = new TestRuntime(dir, 1000);
        EmbeddedChannel channel = t.channel(new ProtocolSniffer());

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {5, 1, 0}));

        assertThat(channel.pipeline().names()).contains("socks").doesNotContain("http");
        ByteBuf reply = channel.readOutbound();
        assertThat(bytes(reply)).containsExactly(5, 0);   // version 5, no authentication
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anythingElseIsReadAsHttpToTheProxy() throws Exception {
        TestRuntime t = new TestRuntime(dir, 1000);
        EmbeddedChannel channel = t.channel(new ProtocolSniffer());

        channel.writeInbound(Unpooled.copiedBuffer("GET /telltale-ca.pem HTTP/1.1\r\nHost: proxy\r\n\r\n",
                StandardCharsets.US_ASCII));

        assertThat(channel.pipeline().names()).contains("http", "frontend", "recorder", "forwarder")
                .doesNotContain("socks");
        String response = readAll(channel);
        assertThat(response).startsWith("HTTP/1.1 200 OK").contains("-----BEGIN CERTIFICATE-----");
        assertThat(t.sink.observations()).as("the setup page is not recorded").isEmpty();
        channel.finishAndReleaseAll();
    }

    static byte[] bytes(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        buf.release();
        return b;
    }

    static String readAll(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            text.append(new String(bytes((ByteBuf) o), StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }
}
