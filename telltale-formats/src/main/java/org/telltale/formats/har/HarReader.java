package org.telltale.formats.har;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureReader;
import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;

/**
 * Reads HAR 1.2 files (Chrome, Firefox, Safari, Charles, Insomnia, mitmproxy) one entry at a time,
 * so that a file of hundreds of megabytes never has to fit in memory; only one entry does. An entry
 * past one of the {@link HarLimits} is skipped with a diagnostic naming it and its line and column,
 * and the entries after it are read.
 */
public final class HarReader implements CaptureReader {
    /**
     * What a cut token may still hold past its bound (the rest of a character or an escape), so that
     * Jackson's own limits, which stop the file, are never what stops a UTF-8 one.
     */
    private static final int SLACK = 16;

    private final HarLimits limits;
    private final JsonFactory factory;

    public HarReader() {
        this(HarLimits.DEFAULT);
    }

    /** A reader with a smaller bound on one entry, for tests of that bound. */
    HarReader(long maxEntryBytes) {
        this(HarLimits.DEFAULT.withMaxEntryBytes(maxEntryBytes));
    }

    /** A reader with other bounds, for tests of them. */
    HarReader(HarLimits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxStringBytes() + SLACK)
                        .maxNameLength(limits.maxNameBytes() + SLACK)
                        .maxNumberLength(limits.maxNumberBytes() + SLACK)
                        .maxNestingDepth(limits.maxDepth())
                        .build())
                .build();
    }

    @Override
    public String name() {
        return "har";
    }

    @Override
    public boolean sniff(Path file, byte[] head) {
        String start = new String(head, 0, Math.min(head.length, 65536), StandardCharsets.UTF_8);
        String trimmed = start.replace("\uFEFF", "").stripLeading();
        if (!trimmed.startsWith("{")) {
            return false;
        }
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return fileName.endsWith(".har") || trimmed.matches("(?s)\\{\\s*\"log\"\\s*:.*")
                || (start.contains("\"log\"") && start.contains("\"entries\""));
    }

    @Override
    public void read(Path file, CaptureSink sink) throws IOException, CaptureException {
        // Jackson detects and skips a UTF-8 byte order mark when it reads bytes.
        try (BoundedJsonInput in = new BoundedJsonInput(Files.newInputStream(file), limits);
             JsonParser parser = factory.createParser(in)) {
            read(parser, in, sink);
        }
    }

    private void read(JsonParser parser, BoundedJsonInput in, CaptureSink sink) throws IOException, CaptureException {
        try {
            moveToEntries(parser);
            HarEntryReader entries = new HarEntryReader(parser,
                    new BoundedTokens(parser, limits.maxEntryBytes(), in));
            int index = 0;
            for (JsonToken token = next(parser); token != JsonToken.END_ARRAY; token = next(parser), index++) {
                String origin = "entry " + index;
                if (token != JsonToken.START_OBJECT) {
                    sink.diagnostic(origin, "not an object but " + describe(token) + "; skipped");
                    parser.skipChildren();
                    continue;
                }
                HarFields.Entry entry = entries.read();
                if (entry == null) {
                    sink.diagnostic(origin, entries.problem() + "; skipped");
                    continue;
                }
                Exchange exchange = HarEntry.toExchange(entry, origin, problem -> sink.diagnostic(origin, problem));
                if (exchange != null) {
                    sink.observe(exchange);
                }
            }
            // Read to the end so that a file cut short after its entries is still reported.
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
        } catch (JsonProcessingException e) {
            // Jackson's limits throw without a location; the parser still knows where it is
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            throw new CaptureException(place(at), "broken JSON: " + e.getOriginalMessage(), e);
        }
    }

    private void moveToEntries(JsonParser parser) throws IOException, CaptureException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw notHar(parser, "a HAR file is a JSON object, found " + describe(first));
        }
        if (!moveToField(parser, "log") || parser.nextToken() != JsonToken.START_OBJECT) {
            throw notHar(parser, "no \"log\" object at the top level");
        }
        if (!moveToField(parser, "entries") || parser.nextToken() != JsonToken.START_ARRAY) {
            throw notHar(parser, "the \"log\" object has no \"entries\" array");
        }
    }

    /** Skips the fields of the current object until the named one; false at the end of the object. */
    private static boolean moveToField(JsonParser parser, String name) throws IOException, CaptureException {
        for (JsonToken token = next(parser); token != JsonToken.END_OBJECT; token = next(parser)) {
            if (token == JsonToken.FIELD_NAME && name.equals(parser.currentName())) {
                return true;
            }
            next(parser);
            parser.skipChildren();
        }
        return false;
    }

    private static JsonToken next(JsonParser parser) throws IOException, CaptureException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new CaptureException(place(parser.currentLocation()), "the file ends in the middle of the HAR");
        }
        return token;
    }

    private static CaptureException notHar(JsonParser parser, String message) {
        return new CaptureException(place(parser.currentTokenLocation()), "not a HAR file: " + message);
    }

    private static String describe(JsonToken token) {
        return token == null ? "nothing" : token.asString() == null ? token.name() : token.asString();
    }

    static String place(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "start of file";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
