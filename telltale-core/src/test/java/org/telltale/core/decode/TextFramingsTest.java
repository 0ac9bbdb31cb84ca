package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Finding;
import org.telltale.api.Payload;
import org.telltale.core.EngineRuns;
import org.telltale.testkit.ExchangeBuilder;

/**
 * JSON lines (a Sentry envelope, Datadog's NDJSON logs), Socket.IO packets and SignalR records,
 * their JSON written by Jackson: each record is read on its own, with a path that says which.
 */
class TextFramingsTest {
    private static final String MAIL = "jane.roe@mail.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String user() throws Exception {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("user").put("email", MAIL).put("id", "u-17");
        return JSON.writeValueAsString(o);
    }

    @Test
    void aSentryEnvelopeIsReadLineByLine() throws Exception {
        String envelope = "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"dsn\":\"https://k@o1.ingest.example/1\"}\n"
                + "{\"type\":\"event\",\"length\":" + user().length() + "}\n" + user() + "\n";

        for (String type : new String[] {"application/x-sentry-envelope", "text/plain;charset=UTF-8", null}) {
            Walks.Result r = walk(Walks.body(envelope, type));

            assertThat(r.pathOf(MAIL)).as(String.valueOf(type)).containsExactly("jsonl:line[2]", "json:$.user.email");
            assertThat(r.at("jsonl:line[2]").payload().path().get(0).start())
                    .isEqualTo(envelope.indexOf(user()));
        }
    }

    @Test
    void datadogLogsAsNdjsonGiveEachLineItsNumberThroughTheEngine() throws Exception {
        String logs = "{\"message\":\"app started\",\"service\":\"shop\"}\r\n{\"message\":\"login\",\"usr\":{\"email\":\""
                + MAIL + "\"}}\r\n";

        List<Finding> found = EngineRuns.findings(ExchangeBuilder.post("https://http-intake.logs.example/api/v2/logs")
                .header("Content-Type", "application/json").body(logs).build(),
                new Canary("mail", CanaryType.EMAIL, MAIL, List.of()));

        assertThat(found).extracting(Finding::provenance)
                .containsExactly("request.body > jsonl:line[1] > json:$.usr.email");
    }

    @Test
    void aPrettyPrintedDocumentIsNotJsonLines() throws Exception {
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(List.of(JSON.readTree(user()),
                JSON.readTree(user())));

        assertThat(walk(Walks.body(pretty, "application/json")).pathOf(MAIL)).containsExactly("json:$[0].user.email");
    }

    @Test
    void socketIoEventsAcksAndPollingBodiesAreRead() throws Exception {
        String event = "42[\"identify\"," + user() + "]";
        Walks.Result r = walk(Payload.root("request.websocket:0", utf8(event), null, null));
        assertThat(r.pathOf(MAIL)).containsExactly("socketio:event", "json:$[1].user.email");
        assertThat(r.at("socketio:event").payload().path().get(0).start()).isEqualTo(2);

        String namespaced = "42/chat,17[\"say\"," + user() + "]";
        assertThat(walk(Payload.root("request.websocket:0", utf8(namespaced), null, null)).pathOf(MAIL))
                .containsExactly("socketio:event", "json:$[1].user.email");

        String polling = "2\u001e40{\"token\":\"abc\"}\u001e42[\"track\"," + user() + "]";
        assertThat(walk(Walks.body(polling, "text/plain;charset=UTF-8")).pathOf(MAIL))
                .containsExactly("socketio:event[1]", "json:$[1].user.email");
    }

    @Test
    void signalRRecordsAreSplitOnTheRecordSeparator() throws Exception {
        String body = "{\"protocol\":\"json\",\"version\":1}\u001e{\"type\":1,\"target\":\"Track\",\"arguments\":["
                + user() + "]}\u001e";

        Walks.Result r = walk(Payload.root("request.websocket:0", utf8(body), null, null));

        assertThat(r.pathOf(MAIL)).containsExactly("signalr:message[1]", "json:$.arguments[0].user.email");
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void textThatOnlyLooksLikeAFramingIsLeftAlone() {
        for (String text : new String[] {"42 is the answer", "4000 [ok]", "{not json}\u001e", "[1]\nnot json"}) {
            Walks.Result r = walk(Payload.root("request.header:x-note", utf8(text), null, null));
            assertThat(r.paths()).as(text).allMatch(p -> p.isEmpty() || !p.get(0).startsWith("socketio")
                    && !p.get(0).startsWith("jsonl"));
        }
    }
}
