package org.telltale.store;

/** A case file that cannot be used: missing, not a case, damaged, or written by a newer Telltale. The message is one line naming the file. */
public class CaseFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaseFileException(String message) {
        super(message);
    }

    public CaseFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
