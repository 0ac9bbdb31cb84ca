package org.telltale.core.decode;

import java.util.List;

import org.telltale.api.Decoder;

/** The built-in decoders, in one literal list. SHELL. */
public final class Decoders {
    private Decoders() {
    }

    public static List<Decoder> builtIn() {
        return List.of();
    }
}
