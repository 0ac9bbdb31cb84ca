package org.telltale.api;

import java.util.List;

/** What the user planted and the sessions they marked. */
public record CanaryFile(List<Canary> canaries, List<Session> sessions) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final CanaryFile EMPTY = new CanaryFile(List.of(), List.of());

    public CanaryFile {
        canaries = List.copyOf(canaries);
        sessions = List.copyOf(sessions);
    }
}
