package org.telltale.store;

import java.sql.SQLException;

/**
 * A case that failed while being written or read through an interface that throws no checked
 * exceptions (a capture or analysis sink): disk full, a damaged page, another writer holding the lock.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(String what, SQLException cause) {
        super(what + ": " + CaseFile.oneLine(cause), cause);
    }
}
