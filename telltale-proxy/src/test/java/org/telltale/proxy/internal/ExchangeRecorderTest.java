package org.telltale.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Exchange;

class ExchangeRecorderTest {
    private static final int LIMIT = 10;

    @TempDir
    Path dir;

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    /** Sends a request with the body and answers it with the response body, through the recorder. */
    private static String[] exchange(EmbeddedChannel channel, String requestBody, String responseBody) {
        DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "http://example.com/upload");
        request.headers().add("Host", "example.com").add("X-Order", "kept");
        channel.writeInbound(request, new DefaultHttpContent(text(requestBody)), LastHttpContent.EMPTY_LAST_CONTENT);
        channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK),
                new DefaultLastHttpContent(text(responseBody)));
        return new String[] {passed(channel, true), passed(channel, false)};
    }

    /** The body bytes that went on past the recorder, in one direction. */
    private static String passed(EmbeddedChannel channel, boolean inbound) {
        StringBuilder body = new StringBuilder();
        for (Object o; (o = inbound ? channel.readInbound() : channel.readOutbound()) != null; ) {
            if (o instanceof HttpContent c) {
                body.append(c.content().toString(StandardCharsets.US_ASCII));
            }
            if (o instanceof HttpObject h) {
                io.netty.util.ReferenceCountUtil.release(h);
            }
        }
        return body.toString();
    }

    @Test
    void bodiesOverTheLimitPassWholeAndAreRecordedUpToItMarkedIncomplete() throws Exception {
        TestRuntime t = new TestRuntime(dir, LIMIT);
        EmbeddedChannel channel = t.bare(new ExchangeRecorder());

        String[] passed = exchange(channel, "0123456789abcdef", "response body longer than ten");

        assertThat(passed).containsExactly("0123456789abcdef", "response body longer than ten");
        Exchange e = t.sink.exchanges().get(0);
        assertThat(new String(e.request().body(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        assertThat(new String(e.response().body(), StandardCharsets.US_ASCII)).isEqualTo("response b");
        assertThat(e.incomplete()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void bodiesAtTheLimitAreWholeAndTheExchangeComplete() throws Exception {
        TestRuntime t = new TestRuntime(dir, LIMIT);
        EmbeddedChannel channel = t.bare(new ExchangeRecorder());

        exchange(channel, "0123456789", "ok");

        assertThat(t.sink.observations()).hasSize(1);
        Exchange e = t.sink.exchanges().get(0);
        assertThat(new String(e.request().body(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        assertThat(e.request().url()).isEqualTo("http://example.com/upload");
        assertThat(e.request().headers()).extracting(h -> h.name() + "=" + h.value())
                .containsExactly("Host=example.com", "X-Order=kept");
        assertThat(e.incomplete()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void anExchangeCutBeforeItsResponseIsEmittedIncompleteWithoutOne() throws Exception {
        TestRuntime t = new TestRuntime(dir, LIMIT);
        EmbeddedChannel channel = t.bare(new ExchangeRecorder());
        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "http://example.com/"),
                LastHttpContent.EMPTY_LAST_CONTENT);
        passed(channel, true);

        channel.close();

        assertThat(t.sink.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.response()).isNull();
            assertThat(e.incomplete()).isTrue();
        });
        channel.finishAndReleaseAll();
    }
}
