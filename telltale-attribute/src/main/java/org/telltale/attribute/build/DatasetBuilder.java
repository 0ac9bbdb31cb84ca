package org.telltale.attribute.build;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.telltale.attribute.DatasetManifest;
import org.telltale.attribute.Datasets;
import org.telltale.attribute.IpTableFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Rebuilds the attribution datasets from upstream downloads. The input directory holds any of: the npm
 * tarballs of {@code @ip-location-db/asn} and {@code @ip-location-db/geo-whois-asn-country} (or their
 * extracted CSV files and package.json), {@code xray-2020-companies.json}, a Disconnect list
 * ({@code disconnect*.json}), {@code exodus-trackers.json} and {@code easyprivacy.txt}. Each input found
 * replaces its dataset in the output directory; the others stay as they are. A file {@code NAME.version}
 * next to an input gives that input's version.
 *
 * <p>Run: {@code java -cp ... org.telltale.attribute.build.DatasetBuilder --from DIR --out DIR}.
 */
public final class DatasetBuilder {
    private static final Set<String> IP_MEMBERS = Set.of("asn-ipv4.csv", "asn-ipv6.csv",
            "geo-whois-asn-country-ipv4.csv", "geo-whois-asn-country-ipv6.csv", "package.json");
    /** Largest input file read, in bytes. */
    private static final long MAX_INPUT = 512L << 20;
    private static final String EXODUS_LICENCE = "exodus/LICENSE.md";

    private DatasetBuilder() {
    }

    /**
     * What a rebuild did.
     *
     * @param changes one line per dataset rebuilt, saying what changed ("unchanged" when nothing did)
     * @param skipped input rows or entries that could not be read, per dataset
     */
    public record Result(List<String> changes, Map<String, Integer> skipped) {
    }

    /** Command-line entry: {@code --from DIR --out DIR}. Exit code 0 when done, 2 on bad input. */
    public static void main(String[] args) {
        Path from = null;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--from")) {
                from = Path.of(args[i + 1]);
            } else if (args[i].equals("--out")) {
                out = Path.of(args[i + 1]);
            }
        }
        if (from == null || out == null) {
            System.err.println("usage: DatasetBuilder --from DIR --out DIR");
            System.exit(2);
        }
        try {
            Result result = build(from, out);
            result.changes().forEach(System.out::println);
        } catch (IOException e) {
            System.err.println("cannot rebuild datasets: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Rebuilds every dataset whose input is in {@code from} into {@code out}, and updates out's manifest.
     *
     * @throws IOException when an input is unreadable or malformed, or when nothing usable was found
     */
    public static Result build(Path from, Path out) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IOException(from + " is not a directory");
        }
        Inputs inputs = Inputs.collect(from);
        Files.createDirectories(out);
        DatasetManifest old = readManifest(out);
        List<DatasetManifest.Entry> rebuilt = new ArrayList<>();
        Map<String, Integer> skipped = new HashMap<>();

        buildIp(inputs, out, Datasets.ASN, Datasets.ASN_FILE, true, "asn-ipv4.csv", "asn-ipv6.csv",
                "CC-BY-4.0 (RouteViews, NRO, DB-IP)", rebuilt, skipped);
        buildIp(inputs, out, Datasets.COUNTRY, Datasets.COUNTRY_FILE, false, "geo-whois-asn-country-ipv4.csv",
                "geo-whois-asn-country-ipv6.csv", "CC-BY-4.0 (NRO)", rebuilt, skipped);
        buildDomains(inputs, out, Datasets.XRAY, Datasets.XRAY_FILE, "xray-2020-companies.json", "2020",
                "GPL-3.0-or-later", "domain\torganization\tparent\tcountry", rebuilt, DomainLists::xray);
        buildDomains(inputs, out, Datasets.DISCONNECT, Datasets.DISCONNECT_FILE, inputs.firstStartingWith("disconnect", ".json"),
                "2019", "GPL-3.0-or-later", "domain\tcategory\tcompany", rebuilt, DomainLists::disconnect);
        buildDomains(inputs, out, Datasets.EXODUS, Datasets.EXODUS_FILE, "exodus-trackers.json", null,
                "ODbL-1.0 (database) / DbCL-1.0 (contents)", "domain\ttracker\tcategory", rebuilt, DomainLists::exodus);
        buildDomains(inputs, out, Datasets.EASYPRIVACY, Datasets.EASYPRIVACY_FILE, "easyprivacy.txt", null,
                "GPL-3.0-or-later OR CC-BY-SA-3.0+", "domain", rebuilt, bytes -> DomainLists.easyPrivacy(bytes));
        if (rebuilt.isEmpty()) {
            throw new IOException("no dataset input found in " + from);
        }
        if (rebuilt.stream().anyMatch(entry -> entry.id().equals(Datasets.EXODUS))) {
            copyExodusLicence(out);
        }
        DatasetManifest updated = old.with(rebuilt);
        writeAtomically(out.resolve(DatasetManifest.FILE), updated::write);
        return new Result(describe(old, rebuilt), skipped);
    }

    private static void buildIp(Inputs inputs, Path out, String id, String file, boolean withAsn, String v4Name,
                                String v6Name, String licence, List<DatasetManifest.Entry> rebuilt,
                                Map<String, Integer> skipped) throws IOException {
        byte[] v4 = inputs.get(v4Name);
        byte[] v6 = inputs.get(v6Name);
        if (v4 == null && v6 == null) {
            return;
        }
        CsvRanges ranges = new CsvRanges(withAsn);
        if (v4 != null) {
            ranges.add(v4);
        }
        if (v6 != null) {
            ranges.add(v6);
        }
        writeAtomically(out.resolve(file), stream -> IpTableFormat.write(stream, ranges.values(), ranges.v4(), ranges.v6()));
        String version = inputs.version(v4 != null ? v4Name : v6Name);
        rebuilt.add(new DatasetManifest.Entry(id, file, version, licence, ranges.rangeCount()));
        skipped.put(id, ranges.skipped());
    }

    private interface Converter {
        Map<String, String[]> convert(byte[] input) throws IOException;
    }

    private static void buildDomains(Inputs inputs, Path out, String id, String file, String inputName,
                                     String defaultVersion, String licence, String header,
                                     List<DatasetManifest.Entry> rebuilt, Converter converter) throws IOException {
        byte[] input = inputName == null ? null : inputs.get(inputName);
        if (input == null) {
            return;
        }
        Map<String, String[]> rows = converter.convert(input);
        StringBuilder text = new StringBuilder("# ").append(id).append(", converted by DatasetBuilder from ")
                .append(inputName).append("; licence ").append(licence).append("\n# ").append(header).append('\n');
        for (String[] row : rows.values()) {
            text.append(String.join("\t", row)).append('\n');
        }
        Files.createDirectories(out.resolve(file).getParent());
        writeAtomically(out.resolve(file), stream -> stream.write(text.toString().getBytes(StandardCharsets.UTF_8)));
        String version = inputs.versionOrNull(inputName);
        if (version == null) {
            version = defaultVersion != null ? defaultVersion : inputs.date(inputName);
        }
        if (id.equals(Datasets.EXODUS) && inputs.versionOrNull(inputName) == null) {
            version = latestCreationDate(input);
        }
        rebuilt.add(new DatasetManifest.Entry(id, file, version, licence, rows.size()));
    }

    /** Exodus records carry no list version; the newest tracker's creation date dates the snapshot. */
    private static String latestCreationDate(byte[] json) throws IOException {
        String latest = "";
        for (var tracker : JsonMapper.builder().build().readTree(json).path("trackers")) {
            String date = tracker.path("creation_date").asText("");
            if (date.compareTo(latest) > 0) {
                latest = date;
            }
        }
        return latest.isEmpty() ? "unknown" : "trackers up to " + latest;
    }

    private static void copyExodusLicence(Path out) throws IOException {
        try (InputStream licence = DatasetBuilder.class.getResourceAsStream("/org/telltale/attribute/data/" + EXODUS_LICENCE)) {
            if (licence != null) {
                byte[] text = licence.readAllBytes();
                writeAtomically(out.resolve(EXODUS_LICENCE), stream -> stream.write(text));
            }
        }
    }

    private static List<String> describe(DatasetManifest old, List<DatasetManifest.Entry> rebuilt) {
        List<String> changes = new ArrayList<>();
        for (DatasetManifest.Entry entry : rebuilt) {
            DatasetManifest.Entry before = old.get(entry.id());
            if (before == null) {
                changes.add(entry.id() + ": added, version " + entry.version() + ", " + entry.entries() + " entries");
            } else if (before.version().equals(entry.version()) && before.entries() == entry.entries()) {
                changes.add(entry.id() + ": unchanged, version " + entry.version() + ", " + entry.entries() + " entries");
            } else {
                changes.add(entry.id() + ": version " + before.version() + " -> " + entry.version() + ", entries "
                        + before.entries() + " -> " + entry.entries() + " (" + signed(entry.entries() - before.entries()) + ")");
            }
        }
        return changes;
    }

    private static String signed(long delta) {
        return delta >= 0 ? "+" + delta : Long.toString(delta);
    }

    private static DatasetManifest readManifest(Path out) throws IOException {
        Path path = out.resolve(DatasetManifest.FILE);
        if (!Files.isRegularFile(path)) {
            return new DatasetManifest(List.of());
        }
        try (InputStream in = Files.newInputStream(path)) {
            return DatasetManifest.read(in);
        }
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Writing writing) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            writing.to(out);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The input files found, by base name, with versions from package.json or NAME.version files. */
    private static final class Inputs {
        private final Map<String, byte[]> files = new HashMap<>();
        private final Map<String, String> versions = new HashMap<>();
        private final Map<String, String> dates = new HashMap<>();

        static Inputs collect(Path from) throws IOException {
            Inputs inputs = new Inputs();
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(from, 4)) {
                paths = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path path : paths) {
                String name = path.getFileName().toString();
                if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) {
                    inputs.addTarball(path);
                }
            }
            for (Path path : paths) {
                String name = path.getFileName().toString();
                if (IP_MEMBERS.contains(name) && !name.equals("package.json") && !inputs.files.containsKey(name)) {
                    inputs.files.put(name, read(path));
                    inputs.versions.put(name, packageVersion(path.resolveSibling("package.json")));
                } else if (name.endsWith(".json") && !name.equals("package.json") || name.equals("easyprivacy.txt")) {
                    inputs.files.putIfAbsent(name, read(path));
                    inputs.dates.put(name, LocalDate.ofInstant(Files.getLastModifiedTime(path).toInstant(), ZoneOffset.UTC).toString());
                    Path version = path.resolveSibling(name + ".version");
                    if (Files.isRegularFile(version)) {
                        inputs.versions.put(name, Files.readString(version).strip());
                    }
                }
            }
            return inputs;
        }

        private void addTarball(Path path) throws IOException {
            Map<String, byte[]> members;
            try (InputStream in = Files.newInputStream(path)) {
                members = TarGzArchive.read(in, IP_MEMBERS::contains);
            }
            byte[] manifest = members.remove("package.json");
            String version = manifest == null ? "unknown"
                    : JsonMapper.builder().build().readTree(manifest).path("version").asText("unknown");
            members.forEach((name, content) -> {
                if (files.putIfAbsent(name, content) == null) {
                    versions.put(name, version);
                }
            });
        }

        private static String packageVersion(Path packageJson) throws IOException {
            if (!Files.isRegularFile(packageJson)) {
                return "unknown";
            }
            return JsonMapper.builder().build().readTree(read(packageJson)).path("version").asText("unknown");
        }

        private static byte[] read(Path path) throws IOException {
            if (Files.size(path) > MAX_INPUT) {
                throw new IOException(path + " is larger than " + MAX_INPUT + " bytes");
            }
            return Files.readAllBytes(path);
        }

        byte[] get(String name) {
            return files.get(name);
        }

        String firstStartingWith(String prefix, String suffix) {
            return files.keySet().stream().filter(name -> name.startsWith(prefix) && name.endsWith(suffix))
                    .sorted().findFirst().orElse(null);
        }

        String version(String name) {
            return versions.getOrDefault(name, "unknown");
        }

        String versionOrNull(String name) {
            return versions.get(name);
        }

        String date(String name) {
            return dates.getOrDefault(name, "unknown");
        }
    }
}
