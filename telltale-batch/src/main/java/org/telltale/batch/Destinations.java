package org.telltale.batch;

import java.util.Arrays;
import java.util.List;

import org.telltale.api.Attribution;
import org.telltale.api.Destination;
import org.telltale.core.run.Attributor;

/**
 * Attribution of a batch: each distinct destination (host, IP, port) of the run's findings is attributed
 * once, by the same {@link Attributor} {@code telltale analyze} uses, into a row of
 * {@link Tables#DESTINATIONS}; findings get those columns joined on by the destination's key.
 */
public final class Destinations {
    private static final int KEY_COLUMNS = Tables.DESTINATION_KEY.size();
    private static final int FINDING_KEY = Tables.FINDINGS.index(Tables.DESTINATION_KEY.get(0));
    private static final int FINDING_ATTRIBUTION = Tables.FINDINGS_UNATTRIBUTED.columns().size();

    private Destinations() {
    }

    /** A finding's destination key: host, IP and port, as a list that can be a map key. */
    public static List<Object> key(Object[] finding) {
        return Arrays.asList(Arrays.copyOfRange(finding, FINDING_KEY, FINDING_KEY + KEY_COLUMNS));
    }

    /** The row of {@link Tables#DESTINATIONS} for a destination key. */
    public static Object[] attribute(Attributor attributor, List<Object> key) {
        Destination d = attributor.attribute(new Destination((String) key.get(0), (String) key.get(1),
                (Integer) key.get(2), null));
        Attribution a = d.attribution();
        return new Object[] {d.host(), d.ip(), d.port(), a.registrableDomain(), a.organization(), a.parent(),
            a.organizationCountry(), a.country(), a.asn() > 0 ? a.asn() : null, a.asOrg(),
            a.tracker() == null ? null : a.tracker().category(), a.tracker() == null ? null : a.tracker().name()};
    }

    /** The finding with its destination's attribution columns filled from the destination's row. */
    public static Object[] joined(Object[] finding, Object[] destination) {
        Object[] out = finding.clone();
        System.arraycopy(destination, KEY_COLUMNS, out, FINDING_ATTRIBUTION, destination.length - KEY_COLUMNS);
        return out;
    }
}
