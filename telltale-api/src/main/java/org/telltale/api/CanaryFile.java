package org.telltale.api;

import java.util.ArrayList;
import java.util.List;

/** What the user planted and the sessions they marked. */
public record CanaryFile(List<Canary> canaries, List<Session> sessions) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final CanaryFile EMPTY = new CanaryFile(List.of(), List.of());

    public CanaryFile {
        canaries = List.copyOf(canaries);
        sessions = List.copyOf(sessions);
    }

    /** The same canaries with more marked sessions after the file's own (those marked while recording). */
    public CanaryFile withSessions(List<Session> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Session> all = new ArrayList<>(sessions);
        all.addAll(more);
        return new CanaryFile(canaries, all);
    }
}
