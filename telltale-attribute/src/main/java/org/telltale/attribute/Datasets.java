package org.telltale.attribute;

/** Names and file names of the datasets, shared by the resolver and the builder. */
public final class Datasets {
    /** IP range to ASN and AS organisation (RouteViews, RIR delegations, DB-IP Lite). */
    public static final String ASN = "ip-location-db/asn";
    /** IP range to country of registration (RIR whois, geofeeds). */
    public static final String COUNTRY = "ip-location-db/geo-whois-asn-country";
    /** Domain to owner, parent and head-office country (X-Ray 2020, via TrackerControl). */
    public static final String XRAY = "x-ray-2020";
    /** Domain to tracker category and company (Disconnect 2019, GPL edition). */
    public static final String DISCONNECT = "disconnect-2019";
    /** Domain to tracker SDK name and category (Exodus Privacy ETIP), kept apart for its ODbL licence. */
    public static final String EXODUS = "exodus-privacy";
    /** Domains blocked as trackers by a domain-anchored EasyPrivacy rule. */
    public static final String EASYPRIVACY = "easyprivacy";
    /** The project's own list of device-vendor and SDK telemetry domains, each with a public source. */
    public static final String VENDORS = "telltale-vendors";
    /** The project's own list of which organisation runs a domain, each with a public source. */
    public static final String ENTITIES = "telltale-entities";

    /** File of {@link #ASN}. */
    public static final String ASN_FILE = "asn.ttip";
    /** File of {@link #COUNTRY}. */
    public static final String COUNTRY_FILE = "country.ttip";
    /** File of {@link #XRAY}. */
    public static final String XRAY_FILE = "owners-xray-2020.tsv";
    /** File of {@link #DISCONNECT}. */
    public static final String DISCONNECT_FILE = "trackers-disconnect-2019.tsv";
    /** File of {@link #EXODUS}, in its own folder next to its licence. */
    public static final String EXODUS_FILE = "exodus/trackers-exodus.tsv";
    /** File of {@link #EASYPRIVACY}. */
    public static final String EASYPRIVACY_FILE = "trackers-easyprivacy.txt";
    /** File of {@link #VENDORS}. */
    public static final String VENDORS_FILE = "vendors-telltale.tsv";
    /** File of {@link #ENTITIES}. */
    public static final String ENTITIES_FILE = "entities-telltale.tsv";

    private Datasets() {
    }

    /** @return the label facts from this dataset are credited to: its id and version */
    static String label(DatasetManifest manifest, String id) {
        DatasetManifest.Entry entry = manifest.get(id);
        return entry == null ? id : id + " " + entry.version();
    }

    /** @return what the dataset is, with its version and licence from the manifest */
    static DatasetInfo info(DataFiles files, DatasetManifest manifest, String id, String file, long entries) {
        DatasetManifest.Entry entry = manifest.get(id);
        return new DatasetInfo(id, file, entry == null ? "unknown" : entry.version(),
                entry == null ? "unknown" : entry.licence(), entries, files.size(file), files.location(file));
    }
}
