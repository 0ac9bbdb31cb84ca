package org.telltale.attribute;

import com.google.common.net.InternetDomainName;
import org.telltale.api.Attribution;
import org.telltale.api.DestinationResolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes hosts and IPs from datasets bundled in the jar, or from a user's newer copies, without
 * any network access: a host name is never resolved, so a name yields domain facts and an IP yields
 * network facts.
 *
 * <p>Precedence when datasets disagree. Domain facts: the longest matching suffix of the host wins;
 * between datasets matching at the same suffix, the owner comes from telltale-vendors, then X-Ray 2020,
 * then Disconnect (company name only), and the tracker from Disconnect, then Exodus, then
 * telltale-vendors, then EasyPrivacy. The owner's parent and head-office country always come from the
 * same record as the owner. IP facts: ASN and AS organisation from ip-location-db/asn, country from
 * ip-location-db/geo-whois-asn-country, which is the country in registry (whois) data, not a measured
 * server location. Each fact names its dataset in {@link Attribution#sources()}.
 */
public final class BundledResolver implements DestinationResolver {
    /** Source of the registrable-domain fact. */
    static final String PUBLIC_SUFFIX_SOURCE = "public-suffix-list (compiled into Guava)";
    private static final String COUNTRY_NOTE = " (country of registration in RIR/whois data)";
    private static final String EASYPRIVACY_CATEGORY = "Tracking";

    private final IpDataset asn;
    private final IpDataset country;
    private final List<Named<DomainTable<Owner>>> owners;
    private final List<Named<DomainTable<Attribution.Tracker>>> trackers;
    private final List<DatasetInfo> datasets;

    private BundledResolver(IpDataset asn, IpDataset country, List<Named<DomainTable<Owner>>> owners,
                            List<Named<DomainTable<Attribution.Tracker>>> trackers, List<DatasetInfo> datasets) {
        this.asn = asn;
        this.country = country;
        this.owners = owners;
        this.trackers = trackers;
        this.datasets = datasets;
    }

    /**
     * Opens the datasets bundled in the jar.
     *
     * @throws IOException when a bundled file is missing or corrupt
     */
    public static BundledResolver open() throws IOException {
        return load(new DataFiles(null));
    }

    /**
     * Opens the datasets in a data directory; any dataset whose file the directory lacks is read from the bundle.
     *
     * @throws IOException when a file is unreadable or corrupt
     */
    public static BundledResolver open(Path dataDir) throws IOException {
        return load(new DataFiles(dataDir));
    }

    /**
     * Opens the user's data directory ({@link DataDirectory#defaultDirectory()}) when it holds a manifest,
     * and the bundled datasets otherwise.
     *
     * @throws IOException when a file is unreadable or corrupt
     */
    public static BundledResolver openDefault() throws IOException {
        Path directory = DataDirectory.defaultDirectory();
        return Files.isRegularFile(directory.resolve(DatasetManifest.FILE)) ? open(directory) : open();
    }

    /** @return each dataset in use: name, version, licence, entries, size and where it was read from */
    public List<DatasetInfo> datasets() {
        return datasets;
    }

    @Override
    public Attribution resolve(String host, String ip) {
        Map<String, String> sources = new HashMap<>(16);
        String name = DomainTable.normalize(host);
        String address = ip;
        if (name != null && isIpLiteral(name)) {
            address = address == null ? name : address;
            name = null;
        }
        String registrable = null;
        Owner owner = null;
        Attribution.Tracker tracker = null;
        if (name != null) {
            registrable = registrableDomain(name);
            if (registrable != null) {
                sources.put("registrableDomain", PUBLIC_SUFFIX_SOURCE);
            }
            for (String suffix = name; suffix != null && (owner == null || tracker == null);
                 suffix = DomainTable.parentOf(suffix)) {
                if (owner == null) {
                    owner = firstAt(owners, suffix, "organization", sources);
                }
                if (tracker == null) {
                    tracker = firstAt(trackers, suffix, "tracker", sources);
                }
            }
            if (owner != null) {
                String source = sources.get("organization");
                putIf(sources, "parent", owner.parent(), source);
                putIf(sources, "organizationCountry", owner.country(), source);
            }
        }
        long asNumber = 0;
        String asOrg = null;
        String ipCountry = null;
        long[] parsed = address == null ? null : parse(address.strip());
        if (parsed != null) {
            IpTableFormat.Value network = asn.find(parsed);
            if (network != null) {
                asNumber = network.number();
                asOrg = network.name();
                sources.put("asn", asn.label());
                sources.put("asOrg", asn.label());
            }
            IpTableFormat.Value where = country.find(parsed);
            if (where != null) {
                ipCountry = where.name();
                sources.put("country", country.label() + COUNTRY_NOTE);
            }
        }
        if (sources.isEmpty()) {
            return Attribution.NONE;
        }
        return new Attribution(registrable, owner == null ? null : owner.organization(),
                owner == null ? null : owner.parent(), owner == null ? null : owner.country(),
                ipCountry, asNumber, asOrg, tracker, sources);
    }

    private static <T> T firstAt(List<Named<DomainTable<T>>> tables, String suffix, String fact, Map<String, String> sources) {
        for (Named<DomainTable<T>> table : tables) {
            T value = table.value().exact(suffix);
            if (value != null) {
                sources.put(fact, table.label());
                return value;
            }
        }
        return null;
    }

    private static void putIf(Map<String, String> sources, String fact, String value, String source) {
        if (value != null) {
            sources.put(fact, source);
        }
    }

    private static boolean isIpLiteral(String name) {
        return IpAddresses.parseV4(name) >= 0 || name.indexOf(':') >= 0 || name.startsWith("[");
    }

    /** @return {v4} for IPv4, {high, low} for IPv6, or null when the text is no IP literal */
    private static long[] parse(String address) {
        long v4 = IpAddresses.parseV4(address);
        return v4 >= 0 ? new long[] {v4} : IpAddresses.parseV6(address);
    }

    private static String registrableDomain(String name) {
        try {
            if (!InternetDomainName.isValid(name)) {
                return null;
            }
            InternetDomainName domain = InternetDomainName.from(name);
            return domain.isUnderPublicSuffix() ? domain.topPrivateDomain().toString() : null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    private static BundledResolver load(DataFiles files) throws IOException {
        DatasetManifest manifest = manifest(files);
        List<DatasetInfo> infos = new ArrayList<>();
        IpDataset asn = ipDataset(files, manifest, Datasets.ASN, Datasets.ASN_FILE, infos);
        IpDataset country = ipDataset(files, manifest, Datasets.COUNTRY, Datasets.COUNTRY_FILE, infos);

        DomainTable<Owner> vendorOwners;
        DomainTable<Attribution.Tracker> vendorTrackers;
        List<String[]> vendorRecords = records(files, Datasets.VENDORS_FILE);
        Map<String, Owner> vendorOwnerMap = new HashMap<>();
        Map<String, Attribution.Tracker> vendorTrackerMap = new HashMap<>();
        for (String[] record : vendorRecords) {
            // domain, organization, parent, country, tracker category, source URL
            vendorOwnerMap.put(record[0], new Owner(TsvFile.field(record, 1), TsvFile.field(record, 2), TsvFile.field(record, 3)));
            String category = TsvFile.field(record, 4);
            if (category != null) {
                vendorTrackerMap.put(record[0], new Attribution.Tracker(category, TsvFile.field(record, 1)));
            }
        }
        vendorOwners = new DomainTable<>(vendorOwnerMap);
        vendorTrackers = new DomainTable<>(vendorTrackerMap);
        info(files, manifest, Datasets.VENDORS, Datasets.VENDORS_FILE, vendorRecords.size(), infos);

        Map<String, Owner> xrayMap = new HashMap<>();
        List<String[]> xrayRecords = records(files, Datasets.XRAY_FILE);
        for (String[] record : xrayRecords) {
            // domain, organization, parent, country
            xrayMap.put(record[0], new Owner(TsvFile.field(record, 1), TsvFile.field(record, 2), TsvFile.field(record, 3)));
        }
        info(files, manifest, Datasets.XRAY, Datasets.XRAY_FILE, xrayRecords.size(), infos);

        Map<String, Owner> disconnectOwners = new HashMap<>();
        Map<String, Attribution.Tracker> disconnectTrackers = new HashMap<>();
        List<String[]> disconnectRecords = records(files, Datasets.DISCONNECT_FILE);
        for (String[] record : disconnectRecords) {
            // domain, category, company
            String company = TsvFile.field(record, 2);
            disconnectTrackers.put(record[0], new Attribution.Tracker(TsvFile.field(record, 1), company));
            if (company != null) {
                disconnectOwners.put(record[0], new Owner(company, null, null));
            }
        }
        info(files, manifest, Datasets.DISCONNECT, Datasets.DISCONNECT_FILE, disconnectRecords.size(), infos);

        Map<String, Attribution.Tracker> exodusMap = new HashMap<>();
        List<String[]> exodusRecords = records(files, Datasets.EXODUS_FILE);
        for (String[] record : exodusRecords) {
            // domain, tracker name, category
            exodusMap.put(record[0], new Attribution.Tracker(TsvFile.field(record, 2), TsvFile.field(record, 1)));
        }
        info(files, manifest, Datasets.EXODUS, Datasets.EXODUS_FILE, exodusRecords.size(), infos);

        Map<String, Attribution.Tracker> easyPrivacyMap = new HashMap<>();
        List<String[]> easyPrivacyRecords = records(files, Datasets.EASYPRIVACY_FILE);
        Attribution.Tracker tracking = new Attribution.Tracker(EASYPRIVACY_CATEGORY, null);
        for (String[] record : easyPrivacyRecords) {
            easyPrivacyMap.put(record[0], tracking);
        }
        info(files, manifest, Datasets.EASYPRIVACY, Datasets.EASYPRIVACY_FILE, easyPrivacyRecords.size(), infos);

        List<Named<DomainTable<Owner>>> owners = List.of(
                new Named<>(label(manifest, Datasets.VENDORS), vendorOwners),
                new Named<>(label(manifest, Datasets.XRAY), new DomainTable<>(xrayMap)),
                new Named<>(label(manifest, Datasets.DISCONNECT), new DomainTable<>(disconnectOwners)));
        List<Named<DomainTable<Attribution.Tracker>>> trackers = List.of(
                new Named<>(label(manifest, Datasets.DISCONNECT), new DomainTable<>(disconnectTrackers)),
                new Named<>(label(manifest, Datasets.EXODUS), new DomainTable<>(exodusMap)),
                new Named<>(label(manifest, Datasets.VENDORS), vendorTrackers),
                new Named<>(label(manifest, Datasets.EASYPRIVACY), new DomainTable<>(easyPrivacyMap)));
        return new BundledResolver(asn, country, owners, trackers, List.copyOf(infos));
    }

    private static DatasetManifest manifest(DataFiles files) throws IOException {
        DatasetManifest bundled;
        try (InputStream in = DataFiles.class.getResourceAsStream(DataFiles.BUNDLED + DatasetManifest.FILE)) {
            if (in == null) {
                throw new IOException("bundled " + DatasetManifest.FILE + " is missing");
            }
            bundled = DatasetManifest.read(in);
        }
        if (files.location(DatasetManifest.FILE).equals("bundled")) {
            return bundled;
        }
        try (InputStream in = files.open(DatasetManifest.FILE)) {
            return bundled.with(DatasetManifest.read(in).entries());
        }
    }

    private static String label(DatasetManifest manifest, String id) {
        DatasetManifest.Entry entry = manifest.get(id);
        return entry == null ? id : id + " " + entry.version();
    }

    private static IpDataset ipDataset(DataFiles files, DatasetManifest manifest, String id, String file,
                                       List<DatasetInfo> infos) throws IOException {
        IpTableFormat.Decoded decoded;
        try (InputStream in = files.open(file)) {
            decoded = IpTableFormat.read(in);
        }
        info(files, manifest, id, file, decoded.ranges().rangeCount(), infos);
        return new IpDataset(label(manifest, id), decoded.values().toArray(IpTableFormat.Value[]::new), decoded.ranges());
    }

    private static List<String[]> records(DataFiles files, String file) throws IOException {
        List<String[]> records;
        try (InputStream in = files.open(file)) {
            records = TsvFile.read(in);
        }
        for (String[] record : records) {
            record[0] = record[0].toLowerCase(java.util.Locale.ROOT);
        }
        return records;
    }

    private static void info(DataFiles files, DatasetManifest manifest, String id, String file, long entries,
                             List<DatasetInfo> infos) {
        DatasetManifest.Entry entry = manifest.get(id);
        infos.add(new DatasetInfo(id, file, entry == null ? "unknown" : entry.version(),
                entry == null ? "unknown" : entry.licence(), entries, files.size(file), files.location(file)));
    }

    /** Who owns a domain. @param organization the company @param parent its parent @param country head-office country */
    private record Owner(String organization, String parent, String country) {
    }

    /** A table with the label its facts are credited to. @param label dataset and version @param value the table */
    private record Named<T>(String label, T value) {
    }

    /** One IP dataset. @param label dataset and version @param values what ranges map to @param ranges the ranges */
    private record IpDataset(String label, IpTableFormat.Value[] values, RangeTable ranges) {
        IpTableFormat.Value find(long[] address) {
            int index = address.length == 1 ? ranges.findV4(address[0]) : ranges.findV6(address[0], address[1]);
            return index < 0 ? null : values[index];
        }
    }
}
