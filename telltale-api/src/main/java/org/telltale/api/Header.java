package org.telltale.api;

import java.util.Objects;

/** One HTTP header as it was sent, name in its original case. */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        value = value == null ? "" : value;
    }
}
