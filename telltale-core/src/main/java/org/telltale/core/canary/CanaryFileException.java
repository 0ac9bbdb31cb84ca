package org.telltale.core.canary;

/** A canary file that cannot be used; the message names the file and the place. */
public class CanaryFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public CanaryFileException(String message) {
        super(message);
    }
}
