package org.telltale.formats.mitm;

/** A tnetstring that does not parse, with the byte offset in the file where the problem is. */
final class TnetstringException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long offset;

    TnetstringException(long offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** The place in the form a CaptureException uses. */
    String place() {
        return "byte " + offset;
    }
}
