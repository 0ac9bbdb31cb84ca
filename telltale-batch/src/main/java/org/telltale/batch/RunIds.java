package org.telltale.batch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The id of a run, the value of the {@code run} partition: the UTC time it started, to the millisecond,
 * so ids sort in time order, contain nothing a file system or URI minds, and read back as a string
 * (Spark's partition type inference takes neither a number nor a date in them).
 */
public final class RunIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    public static String at(Instant time) {
        return FORMAT.format(time);
    }
}
