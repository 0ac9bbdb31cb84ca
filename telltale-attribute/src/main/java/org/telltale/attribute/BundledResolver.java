package org.telltale.attribute;

import com.google.common.net.InternetDomainName;
import org.telltale.api.Attribution;
import org.telltale.api.DestinationResolver;
import org.telltale.api.Organisations;
import org.telltale.api.TrackerHosts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attributes hosts and IPs from datasets bundled in the jar, or from a user's newer copies, without
 * any network access: a host name is never resolved, so a name yields domain facts and an IP yields
 * network facts.
 *
 * <p>Precedence when datasets disagree. Domain facts: the longest matching suffix of the host wins;
 * between datasets matching at the same suffix, the owner comes from telltale-vendors, then telltale-entities, then X-Ray 2020,
 * then Disconnect (company name only), and the tracker from Disconnect, then Exodus, then
 * telltale-vendors, then telltale-entities, then EasyPrivacy. The owner's parent and head-office country always come from the
 * same record as the owner. IP facts: ASN and AS organisation from ip-location-db/asn, country from
 * ip-location-db/geo-whois-asn-country, which is the country in registry (whois) data, not a measured
 * server location. Each fact names its dataset in {@link Attribution#sources()}.
 *
 * <p>Opening reads only the manifest and the IP files' headers; each part of the data is read when a
 * lookup first needs it (IPv4 ranges, IPv6 ranges, the domain lists), so a command that looks up one
 * IPv4 address never reads the rest. What a host name says is kept for the most recent few thousand
 * distinct names. A part that turns out unreadable or corrupt when first read makes that lookup throw
 * {@link java.io.UncheckedIOException}; {@link #verify()} reads everything up front instead.
 */
public final class BundledResolver implements DestinationResolver, TrackerHosts, Organisations {
    /** Source of the registrable-domain fact. */
    static final String PUBLIC_SUFFIX_SOURCE = "public-suffix-list (compiled into Guava)";
    private static final String COUNTRY_NOTE = " (country of registration in RIR/whois data)";
    /** Distinct host names whose facts are kept; the cache starts over when full. */
    private static final int HOST_CACHE_SIZE = 8192;
    /** Longer host strings are not cached (no real name is longer than 253). */
    private static final int MAX_CACHED_HOST = 256;

    private final IpDataset asn;
    private final IpDataset country;
    private final Lazy<DomainDatasets> domains;
    private final DataFiles files;
    private final DatasetManifest manifest;
    private final HostFacts noHost;
    private final List<Map<String, String>> ipSources;
    private final Map<String, HostFacts> hosts = new ConcurrentHashMap<>();

    private BundledResolver(DataFiles files, DatasetManifest manifest, IpDataset asn, IpDataset country) {
        this.files = files;
        this.manifest = manifest;
        this.asn = asn;
        this.country = country;
        this.domains = new Lazy<>(() -> DomainDatasets.load(files, manifest));
        Map<String, String> network = Map.of("asn", asn.label(), "asOrg", asn.label());
        Map<String, String> where = Map.of("country", country.label() + COUNTRY_NOTE);
        Map<String, String> both = new HashMap<>(network);
        both.putAll(where);
        this.ipSources = List.of(Map.of(), network, where, Map.copyOf(both));
        this.noHost = HostFacts.none(ipSources);
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

    /**
     * Reads and checks every part of every dataset now rather than on first use.
     *
     * @return this resolver
     * @throws IOException when a file is unreadable or corrupt
     */
    public BundledResolver verify() throws IOException {
        asn.loadAll();
        country.loadAll();
        domains.load();
        return this;
    }

    /**
     * @return each dataset in use: name, version, licence, entries, size and where it was read from
     * @throws java.io.UncheckedIOException when a domain list cannot be read
     */
    public List<DatasetInfo> datasets() {
        List<DatasetInfo> infos = new ArrayList<>();
        infos.add(Datasets.info(files, manifest, Datasets.ASN, Datasets.ASN_FILE, asn.rangeCount()));
        infos.add(Datasets.info(files, manifest, Datasets.COUNTRY, Datasets.COUNTRY_FILE, country.rangeCount()));
        Map<String, Integer> entries = domains.get().entries();
        for (String[] idAndFile : DomainDatasets.FILES) {
            infos.add(Datasets.info(files, manifest, idAndFile[0], idAndFile[1], entries.get(idAndFile[0])));
        }
        return List.copyOf(infos);
    }

    /** Each dataset's id and version, from the manifest alone (nothing else is read). */
    public Map<String, String> versions() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (DatasetManifest.Entry e : manifest.entries()) {
            out.put(e.id(), e.version());
        }
        return out;
    }

    @Override
    public Attribution resolve(String host, String ip) {
        HostFacts facts = host == null ? noHost : hostFacts(host);
        String address = ip;
        if (facts.ipLiteral != null) {
            address = address == null ? facts.ipLiteral : address;
            facts = noHost;
        }
        if (address == null) {
            return facts.attribution(0, 0, null, null);
        }
        String literal = address.strip();
        long v4 = IpAddresses.parseV4(literal);
        int network;
        int where;
        if (v4 >= 0) {
            network = asn.findV4(v4);
            where = country.findV4(v4);
        } else {
            long[] parsed = IpAddresses.parseV6(literal);
            if (parsed == null) {
                return facts.attribution(0, 0, null, null);
            }
            network = parsed.length == 1 ? asn.findV4(parsed[0]) : asn.findV6(parsed[0], parsed[1]);
            where = parsed.length == 1 ? country.findV4(parsed[0]) : country.findV6(parsed[0], parsed[1]);
        }
        int mask = (network >= 0 ? HostFacts.NETWORK : 0) | (where >= 0 ? HostFacts.COUNTRY : 0);
        ValueTable networks = network >= 0 ? asn.values() : null;
        return facts.attribution(mask, network >= 0 ? networks.number(network) : 0, network >= 0 ? networks.name(network) : null,
                where >= 0 ? country.values().name(where) : null);
    }

    /** Whether a tracker list names the host: the domain lists only, never the IP data. */
    @Override
    public boolean isTracker(String host) {
        return host != null && hostFacts(host).attribution(0, 0, null, null).tracker() != null;
    }

    /**
     * The organisation at the top of the host's ownership in the domain lists (the owner's parent when the
     * record names one), never from the IP data: a CDN's network says nothing about whose site it serves.
     * Null for a host in a platform's customer space (under a private suffix of the public suffix list, such
     * as s3.amazonaws.com or appspot.com): the platform runs the server, but the site is its customer's.
     */
    @Override
    public String organisationOf(String host) {
        String name = DomainTable.normalize(host);
        if (name == null || isCustomerSpace(name)) {
            return null;
        }
        Attribution facts = hostFacts(name).attribution(0, 0, null, null);
        return facts.parent() != null ? facts.parent() : facts.organization();
    }

    private static boolean isCustomerSpace(String name) {
        try {
            if (!InternetDomainName.isValid(name)) {
                return false;
            }
            InternetDomainName domain = InternetDomainName.from(name);
            return domain.isUnderPublicSuffix() && !domain.publicSuffix().equals(domain.registrySuffix());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false;
        }
    }

    private HostFacts hostFacts(String host) {
        if (host.length() > MAX_CACHED_HOST) {
            return computeHostFacts(host);
        }
        HostFacts cached = hosts.get(host);
        if (cached != null) {
            return cached;
        }
        HostFacts computed = computeHostFacts(host);
        if (hosts.size() >= HOST_CACHE_SIZE) {
            hosts.clear();
        }
        hosts.put(host, computed);
        return computed;
    }

    private HostFacts computeHostFacts(String host) {
        String name = DomainTable.normalize(host);
        if (name == null) {
            return noHost;
        }
        if (isIpLiteral(name)) {
            return HostFacts.literal(name, noHost);
        }
        return HostFacts.of(registrableDomain(name), domains.get().table().find(name), ipSources);
    }

    private static boolean isIpLiteral(String name) {
        return IpAddresses.parseV4(name) >= 0 || name.indexOf(':') >= 0 || name.startsWith("[");
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
        IpDataset asn = IpDataset.open(files, Datasets.ASN_FILE, Datasets.label(manifest, Datasets.ASN));
        IpDataset country = IpDataset.open(files, Datasets.COUNTRY_FILE, Datasets.label(manifest, Datasets.COUNTRY));
        return new BundledResolver(files, manifest, asn, country);
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
}
