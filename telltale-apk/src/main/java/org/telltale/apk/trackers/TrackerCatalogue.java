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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    private static volatile TrackerCatalogue bundled;

    private final List<Tracker> trackers;

    public TrackerCatalogue(List<Tracker> trackers) {
        this.trackers = List.copyOf(trackers);
    }

    /** The lists shipped in this jar, read once. */
    public static TrackerCatalogue bundled() {
        TrackerCatalogue c = bundled;
        if (c == null) {
            synchronized (TrackerCatalogue.class) {
                c = bundled;
                if (c == null) {
                    List<Tracker> all = new ArrayList<>();
                    try (InputStream exodus = resource(EXODUS_FILE); InputStream ours = resource(TELLTALE_FILE)) {
                        all.addAll(readExodus(exodus));
                        all.addAll(readTelltale(ours));
                    } catch (IOException e) {
                        throw new UncheckedIOException("the bundled tracker lists cannot be read", e);
                    }
                    c = new TrackerCatalogue(all);
                    bundled = c;
                }
            }
        }
        return c;
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

    /** Reads the Exodus list: {@code {"trackers": [{id, name, code_signature, network_signature, website, categories}]}}. */
    static List<Tracker> readExodus(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        List<Tracker> out = new ArrayList<>();
        for (JsonNode t : root.path("trackers")) {
            String id = t.path("id").asText();
            List<String> categories = new ArrayList<>();
            t.path("categories").forEach(c -> categories.add(c.asText()));
            out.add(new Tracker(id, t.path("name").asText(), Tracker.EXODUS,
                    alternatives(t.path("code_signature").asText("")),
                    alternatives(t.path("network_signature").asText("")),
                    t.path("website").asText(""), categories, EXODUS_PAGE + id + "/"));
        }
        return out;
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

    private static InputStream resource(String file) throws IOException {
        InputStream in = TrackerCatalogue.class.getResourceAsStream(file);
        if (in == null) {
            throw new IOException(file + " is missing from the jar");
        }
        return in;
    }
}
