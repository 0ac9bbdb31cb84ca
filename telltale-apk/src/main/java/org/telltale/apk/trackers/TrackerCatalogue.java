package org.telltale.apk.trackers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The tracker SDKs Telltale knows: the Exodus Privacy list (ODbL, shipped unmerged as its own file,
 * {@code exodus-trackers.json}) followed by Telltale's own rows for vendor telemetry that Exodus lacks
 * ({@code trackers-telltale.tsv}, each with the public page it was taken from). A tracker's index in
 * {@link #trackers()} is the one the matchers report.
 */
public final class TrackerCatalogue {
    static final String EXODUS_FILE = "exodus-trackers.json";
    static final String TELLTALE_FILE = "trackers-telltale.tsv";
    private static final String EXODUS_PAGE = "https://reports.exodus-privacy.eu.org/en/trackers/";

    private final List<Tracker> trackers;

    public TrackerCatalogue(List<Tracker> trackers) {
        this.trackers = List.copyOf(trackers);
    }

    /** The lists shipped in this jar, read once. */
    public static TrackerCatalogue bundled() {
        return Bundled.CATALOGUE;
    }

    /** Every tracker, Exodus's first (in id order), then ours. */
    public List<Tracker> trackers() {
        return trackers;
    }

    /** The tracker at an index the matchers report. */
    public Tracker tracker(int index) {
        return trackers.get(index);
    }

    /** How many trackers there are. */
    public int size() {
        return trackers.size();
    }

    /**
     * Reads the Exodus list: {@code {"trackers": [{id, name, code_signature, network_signature, website,
     * categories}]}}, with Jackson's streaming parser (a data binder costs more to start than the whole read).
     */
    static List<Tracker> readExodus(InputStream in) throws IOException {
        List<Tracker> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("trackers")) {
                    p.skipChildren();
                    continue;
                }
                expect(value, JsonToken.START_ARRAY);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    out.add(readExodusTracker(p));
                }
            }
        }
        return out;
    }

    private static Tracker readExodusTracker(JsonParser p) throws IOException {
        String id = "";
        String name = "";
        String code = "";
        String network = "";
        String website = "";
        List<String> categories = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "id" -> id = p.getValueAsString("");
                case "name" -> name = p.getValueAsString("");
                case "code_signature" -> code = p.getValueAsString("");
                case "network_signature" -> network = p.getValueAsString("");
                case "website" -> website = p.getValueAsString("");
                case "categories" -> {
                    expect(value, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        categories.add(p.getText());
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new Tracker(id, name, Tracker.EXODUS, alternatives(code), alternatives(network), website, categories,
                EXODUS_PAGE + id + "/");
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException(EXODUS_FILE + ": " + expected + " expected, not " + actual);
        }
    }

    /** Reads our list: tab-separated id, name, code signatures, network signatures, category, source; '#' starts a comment. */
    static List<Tracker> readTelltale(InputStream in) throws IOException {
        List<Tracker> out = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new IOException(TELLTALE_FILE + " line " + number + ": " + f.length + " columns, not 6");
            }
            out.add(new Tracker(f[0], f[1], Tracker.TELLTALE, alternatives(f[2]), alternatives(f[3]), "",
                    List.of(f[4]), f[5]));
        }
        return out;
    }

    /** A '|'-separated list as both lists write them; empty alternatives are dropped. */
    static List<String> alternatives(String field) {
        return Arrays.stream(field.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The bundled lists, read when first asked for (the holder idiom: the JVM makes it once and safely). */
    private static final class Bundled {
        static final TrackerCatalogue CATALOGUE = read();

        private static TrackerCatalogue read() {
            List<Tracker> all = new ArrayList<>();
            try (InputStream exodus = resource(EXODUS_FILE); InputStream ours = resource(TELLTALE_FILE)) {
                all.addAll(readExodus(exodus));
                all.addAll(readTelltale(ours));
            } catch (IOException e) {
                throw new UncheckedIOException("the bundled tracker lists cannot be read", e);
            }
            return new TrackerCatalogue(all);
        }
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = TrackerCatalogue.class.getResourceAsStream(file);
        if (in == null) {
            throw new IOException(file + " is missing from the jar");
        }
        return in;
    }
}
