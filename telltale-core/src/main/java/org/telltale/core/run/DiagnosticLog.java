package org.telltale.core.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.telltale.api.Diagnostic;

/**
 * Diagnostics aggregated and capped, so output stays in proportion to what was found: the same
 * message from the same input is one entry with a count and its first places, and past a number of
 * distinct entries the rest are only counted. A damaged capture of millions of packets gives a few
 * lines, not millions.
 */
public final class DiagnosticLog {
    /** First places kept per entry. */
    static final int PLACES = 5;
    /** Distinct entries kept. */
    static final int ENTRIES = 1000;

    private record Key(String input, String message, boolean fatal) {
    }

    private static final class Entry {
        final Diagnostic first;
        final List<String> places = new ArrayList<>(PLACES);
        long count;

        Entry(Diagnostic first) {
            this.first = first;
        }
    }

    private final Map<Key, Entry> entries = new LinkedHashMap<>();
    private long dropped;
    private boolean fatal;

    /** Records one occurrence. */
    public synchronized void add(Diagnostic d) {
        fatal |= d.fatal();
        Key key = new Key(d.input(), d.message(), d.fatal());
        Entry e = entries.get(key);
        if (e == null) {
            if (entries.size() >= ENTRIES && !d.fatal()) {
                dropped++;
                return;
            }
            e = new Entry(d);
            entries.put(key, e);
        }
        e.count += d.count();
        for (String place : d.places()) {
            if (e.places.size() < PLACES) {
                e.places.add(place);
            }
        }
    }

    /** Whether some input could not be read to its end. */
    public synchronized boolean hadFatal() {
        return fatal;
    }

    /** Every entry in the order first met, plus one saying how many were left out. */
    public synchronized List<Diagnostic> all() {
        List<Diagnostic> out = new ArrayList<>(entries.size() + 1);
        for (Entry e : entries.values()) {
            Diagnostic f = e.first;
            out.add(new Diagnostic(f.flow(), f.input(), f.origin(), f.message(), f.fatal(), e.count, e.places));
        }
        if (dropped > 0) {
            out.add(new Diagnostic(null, null, null, dropped + " more diagnostics of other kinds were not kept (at most "
                    + ENTRIES + " kinds are listed)", false, dropped, List.of()));
        }
        return out;
    }
}
