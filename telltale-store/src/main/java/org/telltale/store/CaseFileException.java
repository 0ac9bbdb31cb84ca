package org.telltale.store;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A case file that cannot be used: missing, not a case, damaged, written by a newer Telltale, or
 * failing while being read or written (disk full, a damaged page, another writer holding the lock).
 * The message is one line naming the file. The store's API throws this rather than SQLException so
 * that SQL stays inside the store (see the architecture test).
 */
public class CaseFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaseFileException(String message) {
        super(message);
    }

    public CaseFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What failed on an open case, and SQLite's reason, on one line. */
    CaseFileException(Path file, String what, SQLException cause) {
        super(file + ": " + what + ": " + CaseFile.oneLine(cause), cause);
    }
}
