package org.telltale.apk.trackers;

import java.util.List;

/**
 * One tracker or telemetry SDK and how to recognise it: by the names of the classes it ships and by
 * the hosts it talks to.
 *
 * @param id                its id within its origin: the Exodus number ({@code "248"}) or ours ({@code "xiaomi-onetrack"})
 * @param name              its display name, as its origin spells it
 * @param origin            which list it comes from: {@code "exodus"} or {@code "telltale"}
 * @param codeSignatures    class-name patterns: dotted names searched anywhere in a class name, where a dot
 *                          stands for a dot or a slash ({@link ClassSignatureMatcher})
 * @param networkSignatures host patterns ({@link NetworkSignatures}); Exodus's are its own regexes, ours plain host suffixes
 * @param website           the vendor's site, or "" when the list gives none
 * @param categories        what it does, in Exodus's words (Analytics, Advertisement, Crash reporting, ...)
 * @param source            where the signatures can be checked: Exodus's tracker page, or the public page a row of ours cites
 */
public record Tracker(String id, String name, String origin, List<String> codeSignatures,
                      List<String> networkSignatures, String website, List<String> categories, String source) {
    /** The origin of rows from the Exodus Privacy list. */
    public static final String EXODUS = "exodus";
    /** The origin of rows from Telltale's own list. */
    public static final String TELLTALE = "telltale";

    public Tracker {
        codeSignatures = List.copyOf(codeSignatures);
        networkSignatures = List.copyOf(networkSignatures);
        categories = List.copyOf(categories);
    }

    /** The id with its origin, unique across both lists: {@code exodus:248}. */
    public String key() {
        return origin + ":" + id;
    }
}
