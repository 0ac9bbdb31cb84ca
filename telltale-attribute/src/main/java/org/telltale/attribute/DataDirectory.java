package org.telltale.attribute;

import java.nio.file.Path;

/** Where a user's own copies of the datasets live. */
public final class DataDirectory {
    /** Environment variable that overrides the default data directory. */
    public static final String ENVIRONMENT = "TELLTALE_DATA";

    private DataDirectory() {
    }

    /** @return $TELLTALE_DATA when set, otherwise ~/.telltale/data */
    public static Path defaultDirectory() {
        String configured = System.getenv(ENVIRONMENT);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".telltale", "data");
    }
}
