package org.telltale.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Exchange;
import org.telltale.api.Message;

/** WebSocket messages and server-sent events through the proxy, with the JDK's HTTP client as the device. */
class StreamingTest {
    private static TestCa testCa;
    private static Path trust;

    @TempDir
    Path dir;
    private ProxyFixture fixture;
    private OriginServer origin;

    @BeforeAll
    static void ca(@TempDir Path shared) throws Exception {
        testCa = new TestCa("Telltale test origins");
        trust = testCa.writePem(shared.resolve("origins-ca.pem"));
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    @AfterAll
    static void none() {
    }

    /** Collects what a WebSocket client receives. */
    private static final class Received implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            messages.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            messages.add(bytes);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
        }

        Object next() throws InterruptedException {
            Object m = messages.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("a message from the server").isNotNull();
            return m;
        }
    }

    @Test
    void webSocketMessagesAreRecordedInOrderWithTheirDirection() throws Exception {
        origin = new OriginServer(OriginServer.Mode.HTTPS_H2_AND_H1, testCa);
        fixture = ProxyFixture.start(dir, ProxyFixture.settings(trust));
        HttpClient client = JdkClients.through(fixture, HttpClient.Version.HTTP_1_1);
        Received received = new Received();
        String url = "wss://localhost:" + origin.port() + "/ws";
        WebSocket ws = client.newWebSocketBuilder().buildAsync(URI.create(url), received).get(10, TimeUnit.SECONDS);

        ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertThat(received.next()).isEqualTo("echo:hello");
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(10, TimeUnit.SECONDS);
        assertThat((byte[]) received.next()).containsExactly('e', 'c', 'h', 'o', ':', 1, 2, 3);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        received.closed.get(10, TimeUnit.SECONDS);
        fixture.sink.awaitExchanges(1);

        fixture.close();
        RecordingSink sink = fixture.sink;
        fixture = null;
        assertThat(sink.diagnostics()).isEmpty();
        assertThat(sink.observations()).hasSize(1);
        Exchange e = sink.exchanges().get(0);
        assertThat(e.request().url()).isEqualTo("https://localhost:" + origin.port() + "/ws");
        assertThat(e.request().header("Upgrade")).isEqualToIgnoringCase("websocket");
        assertThat(e.response().status()).isEqualTo(101);
        assertThat(e.incomplete()).isFalse();
        List<Message> m = e.messages();
        assertThat(m).extracting(Message::fromClient).containsExactly(true, false, true, false);
        assertThat(m).extracting(Message::text).containsExactly(true, true, false, false);
        assertThat(m.get(0).data()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(m.get(1).data()).isEqualTo("echo:hello".getBytes(StandardCharsets.UTF_8));
        assertThat(m.get(2).data()).containsExactly(1, 2, 3);
        assertThat(m.get(3).data()).containsExactly('e', 'c', 'h', 'o', ':', 1, 2, 3);
        assertThat(m).allSatisfy(x -> assertThat(x.time()).isNotNull());
    }

    @Test
    void aWebSocketOpenWhenTheProxyClosesIsEmittedIncomplete() throws Exception {
        origin = new OriginServer(OriginServer.Mode.HTTPS_H1_ONLY, testCa);
        fixture = ProxyFixture.start(dir, ProxyFixture.settings(trust));
        HttpClient client = JdkClients.through(fixture, HttpClient.Version.HTTP_1_1);
        Received received = new Received();
        WebSocket ws = client.newWebSocketBuilder()
                .buildAsync(URI.create("wss://localhost:" + origin.port() + "/ws"), received).get(10, TimeUnit.SECONDS);
        ws.sendText("still open", true).get(10, TimeUnit.SECONDS);
        assertThat(received.next()).isEqualTo("echo:still open");

        fixture.close();
        RecordingSink sink = fixture.sink;
        fixture = null;
        assertThat(sink.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.incomplete()).isTrue();
            assertThat(e.messages()).extracting(Message::fromClient).containsExactly(true, false);
        });
    }

    @Test
    void webSocketMessagesBeyondTheLimitContinueInANewPart() throws Exception {
        origin = new OriginServer(OriginServer.Mode.HTTPS_H1_ONLY, testCa);
        ProxySettings s = ProxyFixture.settings(trust);
        fixture = ProxyFixture.start(dir, new ProxySettings(s.listenHost(), 0, s.allow(), s.passthrough(), false,
                trust, 30, null));
        HttpClient client = JdkClients.through(fixture, HttpClient.Version.HTTP_1_1);
        Received received = new Received();
        WebSocket ws = client.newWebSocketBuilder()
                .buildAsync(URI.create("wss://localhost:" + origin.port() + "/ws"), received).get(10, TimeUnit.SECONDS);
        List<String> sent = List.of("first-ten!", "second-10!", "third-ten!");
        for (String text : sent) {
            ws.sendText(text, true).get(10, TimeUnit.SECONDS);
            assertThat(received.next()).isEqualTo("echo:" + text);
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        received.closed.get(10, TimeUnit.SECONDS);
        fixture.sink.awaitExchanges(2);
        fixture.close();
        RecordingSink sink = fixture.sink;
        fixture = null;

        // 30 bytes a direction: the three client messages of 10 fit, the server's third echo of 15 starts part 2.
        List<Exchange> parts = sink.exchanges();
        assertThat(parts).extracting(Exchange::origin)
                .containsExactly("connection 1 request 1", "connection 1 request 1 part 2");
        assertThat(parts.get(0).messages()).hasSize(5);
        assertThat(parts.get(1).messages()).singleElement().satisfies(m -> {
            assertThat(m.fromClient()).isFalse();
            assertThat(new String(m.data(), StandardCharsets.UTF_8)).isEqualTo("echo:third-ten!");
        });
        List<String> fromClient = new ArrayList<>();
        for (Exchange part : parts) {
            assertThat(part.request().url()).endsWith("/ws");
            part.messages().stream().filter(Message::fromClient)
                    .forEach(m -> fromClient.add(new String(m.data(), StandardCharsets.UTF_8)));
        }
        assertThat(fromClient).isEqualTo(sent);
    }

    @Test
    void serverSentEventsReachTheClientAsTheyComeAndAreRecorded() throws Exception {
        origin = new OriginServer(OriginServer.Mode.HTTPS_H2_AND_H1, testCa);
        fixture = ProxyFixture.start(dir, ProxyFixture.settings(trust));
        for (HttpClient.Version version : HttpClient.Version.values()) {
            origin.close();
            origin = new OriginServer(OriginServer.Mode.HTTPS_H2_AND_H1, testCa);
            HttpClient client = JdkClients.through(fixture, version);
            String url = "https://localhost:" + origin.port() + "/sse";
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                // The origin holds its last events back until released: the first must already be here.
                assertThat(events.readLine()).isEqualTo("data: first");
                origin.releaseSse();
                StringBuilder rest = new StringBuilder();
                for (String line; (line = events.readLine()) != null; ) {
                    rest.append(line).append('\n');
                }
                assertThat(rest.toString()).isEqualTo("\ndata: second\n\ndata: third\n\n");
            }
        }
        fixture.sink.awaitExchanges(2);
        fixture.close();
        RecordingSink sink = fixture.sink;
        fixture = null;
        assertThat(sink.observations()).hasSize(2);
        assertThat(sink.exchanges()).extracting(e -> e.request().httpVersion()).containsExactly("HTTP/1.1", "HTTP/2");
        assertThat(sink.exchanges()).allSatisfy(e -> {
            assertThat(e.response().header("content-type")).isEqualTo("text/event-stream");
            assertThat(new String(e.response().body(), StandardCharsets.UTF_8))
                    .isEqualTo("data: first\n\ndata: second\n\ndata: third\n\n");
            assertThat(e.incomplete()).isFalse();
        });
    }
}
