package org.telltale.formats.mitm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureReader;
import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;

/**
 * Reads mitmproxy flow files ("mitmdump -w"), format versions 0.11 to 21. HTTP flows become
 * exchanges; TCP, UDP and DNS flows are skipped with a diagnostic, since they carry no HTTP request.
 */
public final class MitmReader implements CaptureReader {
    @Override
    public String name() {
        return "mitm";
    }

    @Override
    public boolean sniff(Path file, byte[] head) {
        // A flow file is a tnetstring dictionary: "<length>:<key length>:<key><, or ;>...".
        int at = digits(head, 0);
        if (at == 0 || at >= head.length || head[at] != ':') {
            return false;
        }
        int keyDigits = digits(head, at + 1);
        if (keyDigits == at + 1 || keyDigits >= head.length || head[keyDigits] != ':') {
            return false;
        }
        long keyLength = Long.parseLong(new String(head, at + 1, keyDigits - at - 1, StandardCharsets.US_ASCII));
        long keyType = keyDigits + 1 + keyLength;
        if (keyType < head.length) {
            return head[(int) keyType] == ',' || head[(int) keyType] == ';';
        }
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return fileName.endsWith(".mitm") || fileName.endsWith(".flow") || fileName.endsWith(".flows");
    }

    private static int digits(byte[] head, int from) {
        int at = from;
        while (at < head.length && at - from <= Tnetstring.MAX_LENGTH_DIGITS && head[at] >= '0' && head[at] <= '9') {
            at++;
        }
        return at;
    }

    @Override
    public void read(Path file, CaptureSink sink) throws IOException, CaptureException {
        WebSocketJoin join = new WebSocketJoin(sink);
        try (FlowFile flows = FlowFile.open(file)) {
            int index = 0;
            for (FlowFile.Entry entry = flows.next(); entry != null; entry = flows.next(), index++) {
                String origin = "flow " + index;
                if (entry.flow() == null) {
                    sink.diagnostic(origin, entry.problem());
                    continue;
                }
                readFlow(entry.flow(), origin, sink, join);
            }
        } finally {
            join.flush();
        }
    }

    private static void readFlow(Map<String, Object> flow, String origin, CaptureSink sink, WebSocketJoin join) {
        Object written = flow.get("version");
        int version = FlowVersion.of(written);
        if (version == FlowVersion.UNKNOWN || version < FlowVersion.OLDEST) {
            sink.diagnostic(origin, written == null ? "no format version; skipped"
                    : "format version " + FlowVersion.show(written) + " is not one mitmproxy can read; skipped");
            return;
        }
        if (version > FlowVersion.NEWEST) {
            sink.diagnostic(origin, "format version " + version + " is newer than " + FlowVersion.NEWEST
                    + ", the newest this reader knows; read as if it were " + FlowVersion.NEWEST);
        }
        String type = MitmFlow.text(flow.get("type"));
        if ("websocket".equals(type)) {
            join.webSocketFlow(flow, origin);
            return;
        }
        if (type != null && !type.equals("http")) {
            sink.diagnostic(origin, "a " + type + " flow, not HTTP; skipped");
            return;
        }
        Exchange exchange = MitmFlow.toExchange(flow, version, origin, problem -> sink.diagnostic(origin, problem));
        if (exchange == null) {
            return;
        }
        Map<String, Object> metadata = MitmFlow.map(flow.get("metadata"));
        boolean handshake = version < FlowVersion.WEBSOCKET_IN_HTTP_FLOW && metadata != null
                && Boolean.TRUE.equals(metadata.get("websocket"));
        if (handshake) {
            join.handshake(MitmFlow.text(flow.get("id")), exchange);
        } else {
            join.exchange(exchange);
        }
    }
}
