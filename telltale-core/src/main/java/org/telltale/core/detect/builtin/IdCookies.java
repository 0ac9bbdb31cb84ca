package org.telltale.core.detect.builtin;

import java.util.Set;

/**
 * Which cookies carry an identifier: the ID cookies of the common analytics and ad services by
 * name, and any cookie whose name says "id" ("TDID", "IMRID", "lr_uid", "lystra_guid"). A cookie
 * exists to recognise the browser again, so under such a name an id-shaped value is an id; other
 * cookies (preferences, consent, A/B groups) are not read.
 */
final class IdCookies {
    /** Normal-form names of ID cookies whose names do not say "id". */
    private static final Set<String> KNOWN = Set.of(
            "ga", "fbp", "fbc", "fr", "demdex", "dpm", "anj", "qca", "svi", "gclau", "gads", "gpi", "mbox",
            "everestgv2", "chartbeat2", "ctobundle", "hjsessionuser");

    private IdCookies() {
    }

    /** Whether a cookie of this normal-form name carries an identifier. */
    static boolean namesAnId(String name) {
        return KNOWN.contains(name) || name.contains("id");
    }
}
