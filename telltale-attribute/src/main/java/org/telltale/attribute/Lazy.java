package org.telltale.attribute;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A part of the data read the first time it is needed, once, even when several threads ask at the same
 * time. A failed read is remembered, so a corrupt file is not read again on every lookup.
 */
final class Lazy<T> {
    /** Reads the part. */
    interface Loader<T> {
        T load() throws IOException;
    }

    private final Loader<T> loader;
    private volatile T value;
    private IOException failure;

    Lazy(Loader<T> loader) {
        this.loader = loader;
    }

    /** @throws IOException when reading fails, now or on an earlier call */
    T load() throws IOException {
        T loaded = value;
        if (loaded != null) {
            return loaded;
        }
        synchronized (this) {
            if (value == null) {
                if (failure != null) {
                    throw failure;
                }
                try {
                    value = loader.load();
                } catch (IOException e) {
                    failure = e;
                    throw e;
                }
            }
            return value;
        }
    }

    /** @throws UncheckedIOException when reading fails, now or on an earlier call */
    T get() {
        T loaded = value;
        if (loaded != null) {
            return loaded;
        }
        try {
            return load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
