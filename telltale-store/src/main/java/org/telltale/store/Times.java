package org.telltale.store;

import java.time.Instant;

/** Times as stored: ISO-8601 UTC text, as Instant writes it, so any SQLite tool shows them readably. */
final class Times {
    private Times() {
    }

    static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    static Instant parse(String s) {
        return s == null ? null : Instant.parse(s);
    }

    static String now() {
        return Instant.now().toString();
    }
}
