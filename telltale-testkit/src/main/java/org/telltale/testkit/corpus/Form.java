package org.telltale.testkit.corpus;

/** Builds a query string or form body, each name and value form-encoded. */
final class Form {
    private final StringBuilder out = new StringBuilder();

    Form add(String name, String value) {
        out.append(out.length() == 0 ? "" : "&").append(Codecs.form(name)).append('=').append(Codecs.form(value));
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
