package org.telltale.apk.trackers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network signatures against the regex way of reading them (Python's {@code re.search}, in
 * {@code exodus_network_oracle.py}), on real capture hosts and on hosts built from each signature:
 * equal on a signature's own domain and its subdomains, and different only where a label boundary
 * or a plain reading of the pattern decides, each such case listed here with its reason.
 */
class NetworkSignaturesTest {
    private static final Pattern PLAIN = Pattern.compile("([a-z0-9-]|\\\\[.-])+");

    @TempDir
    Path work;

    @Test
    void everyExodusSignatureIsReadAndMostArePlainEscapedNames() {
        TrackerCatalogue catalogue = TrackerCatalogue.bundled();
        NetworkSignatures signatures = NetworkSignatures.of(catalogue);
        assertThat(signatures.unread()).isEmpty();
        List<String> all = catalogue.trackers().stream().flatMap(t -> t.networkSignatures().stream()).toList();
        int[] counts = signatures.counts();
        assertThat(counts[0] + counts[1]).isEqualTo(all.size());
        long plain = all.stream().filter(s -> PLAIN.matcher(s).matches()).count();
        // Plain escaped names are plain suffixes, except "fidzup", a dotless word matched as a label.
        assertThat(counts[0]).isGreaterThanOrEqualTo((int) plain - 1);
        assertThat(counts[1]).isLessThanOrEqualTo(all.size() - (int) plain + 1);
    }

    @Test
    void hostsMatchLikeExodusRegexesOnEachSignaturesOwnDomainAndItsSubdomainsAndDifferOnlyWhereListed()
            throws Exception {
        TrackerCatalogue catalogue = TrackerCatalogue.bundled();
        NetworkSignatures signatures = NetworkSignatures.of(catalogue);
        Set<String> hosts = new LinkedHashSet<>();
        Map<String, String> own = new LinkedHashMap<>();
        // Where the regex reading and ours differ on purpose, and why (see HostPattern).
        Map<String, String> listed = new LinkedHashMap<>();
        for (Tracker t : catalogue.trackers()) {
            if (!t.origin().equals(Tracker.EXODUS)) {
                continue;
            }
            for (String signature : t.networkSignatures()) {
                String host = example(signature);
                hosts.add(host);
                hosts.add("sub." + host);
                hosts.add("x" + host);
                hosts.add(host + ".evil.example");
                own.put(host, t.id());
                own.put("sub." + host, t.id());
                listed.put("x" + host, NOT_ON_A_LABEL_BOUNDARY);
                listed.put(host + ".evil.example", INSIDE_ANOTHER_DOMAIN);
                if (signature.startsWith(".") || signature.startsWith("\\.")) {
                    listed.put(host, LEADING_DOT);
                    if (signature.endsWith("\\.")) {
                        listed.put(host + ".evil.example", LEADING_DOT); // any labels may follow: "alimama.*"
                    }
                }
                if (signature.contains(":")) {
                    listed.put(host, PORT_AND_PATH);
                    listed.put("sub." + host, PORT_AND_PATH);
                }
                if (signature.contains("\\a")) {
                    listed.put(host, BELL);
                    listed.put("sub." + host, BELL);
                }
            }
        }
        List<String> captured = new ArrayList<>();
        for (String line : Files.readAllLines(ExodusOracle.resource("capture-hosts.txt"))) {
            if (!line.startsWith("#")) {
                hosts.add(line);
                captured.add(line);
            }
        }
        Map<String, Set<String>> exodus = oracle(hosts);
        Map<String, Set<String>> ours = new LinkedHashMap<>();
        for (String host : hosts) {
            Set<String> ids = new TreeSet<>();
            signatures.match(host).forEach(i -> ids.add(signatures.tracker(i).id()));
            ours.put(host, ids);
        }

        // Nothing missing: a signature's own domain and its subdomains name its tracker.
        own.forEach((host, id) -> assertThat(ours.get(host)).as(host).contains(id));
        // Nothing else differs from the regex reading but the listed cases, each in its direction.
        Map<String, String> unexplained = new TreeMap<>();
        int differences = 0;
        for (String host : hosts) {
            Set<String> e = exodus.get(host);
            Set<String> o = ours.get(host);
            if (e.equals(o)) {
                continue;
            }
            differences++;
            String reason = listed.get(host);
            boolean fewer = e.containsAll(o);
            boolean more = o.containsAll(e);
            boolean explained = reason != null && switch (reason) {
                case NOT_ON_A_LABEL_BOUNDARY, INSIDE_ANOTHER_DOMAIN -> fewer;
                default -> more;
            };
            if (!explained) {
                unexplained.put(host, "exodus " + e + ", ours " + o + ", listed as " + reason);
            }
        }
        assertThat(unexplained).isEmpty();
        assertThat(differences).as("the listed differences occur").isGreaterThan(0);
        assertThat(captured.stream().filter(h -> !ours.get(h).isEmpty()).count())
                .as("real capture hosts that name a tracker, found alike both ways").isGreaterThan(10);
    }

    @Test
    void aHostMatchesWhateverItsCaseAndTrailingDotAndHostileInputCostsLittle() {
        NetworkSignatures signatures = NetworkSignatures.bundled();
        List<Integer> plain = signatures.match("sdk.Split.IO.");
        assertThat(plain).hasSize(1);
        assertThat(signatures.tracker(plain.get(0)).name()).isEqualTo(
                TrackerCatalogue.bundled().trackers().stream()
                        .filter(t -> t.networkSignatures().contains("sdk.split.io")).findFirst().orElseThrow().name());
        assertThat(signatures.match("mt12.google.cn")).isNotEmpty();
        assertThat(signatures.match("mtx.google.cn")).isEmpty();
        assertThat(signatures.match("adservice.google.co.uk")).isNotEmpty();
        assertThat(signatures.match("adservice.google")).isEmpty();
        assertThat(signatures.match("www.fidzup.com")).isNotEmpty();
        assertThat(signatures.match("a..split.io")).isEmpty();
        assertThat(signatures.match("")).isEmpty();
        assertThat(signatures.match(null)).isEmpty();
        String hostile = "a.".repeat(100_000) + "split.io";
        assertThat(signatures.match(hostile)).as("longer than DNS allows").isEmpty();
        assertThat(signatures.match("a.".repeat(121) + "sdk.split.io")).isEmpty(); // 254 characters
        assertThat(signatures.match("a.".repeat(100) + "sdk.split.io")).hasSize(1);
    }

    @Test
    void ourRowsNameTheirHostsAsPlainSuffixes() {
        NetworkSignatures signatures = NetworkSignatures.bundled();
        List<Integer> mistat = signatures.match("data.mistat.intl.xiaomi.com");
        assertThat(mistat).hasSize(1);
        assertThat(signatures.tracker(mistat.get(0)).key()).isEqualTo("telltale:xiaomi-stat");
        assertThat(signatures.match("xiaomi.com")).isEmpty();
        assertThat(signatures.match("mistat.xiaomi.com")).isEmpty();
    }

    private static final String NOT_ON_A_LABEL_BOUNDARY = "the regex hits inside a label; we match whole labels";
    private static final String INSIDE_ANOTHER_DOMAIN = "the regex hits a name inside another domain; we match from the right";
    private static final String LEADING_DOT = "a leading dot asks the regex for a subdomain; we match the domain too";
    private static final String PORT_AND_PATH = "a port and path in the signature: the regex never matches a host";
    private static final String BELL = "\\a is Python's bell character: the regex never matches";

    /** A host the signature names: escapes dropped, wildcards filled in. */
    private static String example(String signature) {
        String s = signature.replace(".*\\.", "").replace("\\..*", ".com").replace("[0-9]*", "7").replace("\\", "");
        int cut = s.indexOf(':');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        if (s.endsWith(".")) {
            s += "com";
        }
        return s.contains(".") ? s : s + ".com";
    }

    private Map<String, Set<String>> oracle(Set<String> hosts) throws IOException, InterruptedException {
        Path in = Files.write(work.resolve("hosts.txt"), hosts, StandardCharsets.UTF_8);
        return ExodusOracle.run(work, "exodus_network_oracle.py", in);
    }
}
