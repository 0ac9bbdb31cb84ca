package org.telltale.core.decode;

import java.util.ArrayList;
import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;
import org.telltale.api.Step;

/**
 * JSON lines: NDJSON log uploads (Datadog), Sentry envelopes (a header line, then an item header
 * and its payload per item), declared (application/x-ndjson, application/jsonl,
 * application/x-sentry-envelope) or sniffed when a line that ends a JSON value is followed by one
 * that starts another. Each non-blank line becomes "jsonl:line[N]" (N counts lines from 0, blank ones
 * included) with its span, and the JSON decoder reads each line on its own, so a finding reads
 * "jsonl:line[3] > json:$.user.email". Concatenated documents without line breaks stay with
 * {@link JsonDecoder} ("json:#2$..."). A Sentry item whose header gives a length holding line
 * breaks is read line by line all the same.
 */
final class JsonLinesDecoder implements Decoder {
    static final String NAME = "jsonl";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double fit(Payload payload) {
        if (declared(payload)) {
            return Fits.DECLARED_FRAMING;
        }
        byte[] d = payload.data();
        int first = Bytes.firstNonWhitespace(d);
        if ((first != '{' && first != '[') || !Bytes.headLooksLikeText(d)) {
            return -1;
        }
        if (!secondValueOnANewLine(d)) {
            return -1;
        }
        // NDJSON is often declared application/json; each line is JSON, so the declaration still holds.
        return MediaTypes.isJson(payload.contentType()) ? Fits.DECLARED_FRAMING : Fits.JSON_LINES;
    }

    private static boolean declared(Payload payload) {
        String e = MediaTypes.essence(payload.contentType());
        return e.equals("application/x-ndjson") || e.equals("application/jsonl") || e.equals("application/x-jsonl")
                || e.equals("application/x-jsonlines") || e.equals("application/jsonlines")
                || e.equals("application/x-sentry-envelope");
    }

    /** The first line break whose line ends a JSON value and whose next line starts one. */
    private static boolean secondValueOnANewLine(byte[] d) {
        int nl = Bytes.indexOf(d, '\n', 0, d.length);
        if (nl < 0) {
            return false;
        }
        int before = nl - 1;
        while (before >= 0 && Bytes.isWhitespace(d[before])) {
            before--;
        }
        int after = Bytes.skipWhitespace(d, nl + 1);
        return before >= 0 && (d[before] == '}' || d[before] == ']') && after < d.length
                && (d[after] == '{' || d[after] == '[');
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        List<Payload> out = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start <= d.length && out.size() <= limits.maxChildren()) {
            int nl = Bytes.indexOf(d, '\n', start, d.length);
            int end = nl < 0 ? d.length : nl;
            int to = end;
            while (to > start && Bytes.isWhitespace(d[to - 1])) {
                to--;
            }
            int from = Bytes.skipWhitespace(d, start);
            if (from < to) {
                out.add(payload.child(Step.of(NAME + ":line[" + line + "]", from, to),
                        java.util.Arrays.copyOfRange(d, from, to), null, null));
            }
            line++;
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return out.size() < 2 && !declared(payload) ? List.of() : out;
    }
}
