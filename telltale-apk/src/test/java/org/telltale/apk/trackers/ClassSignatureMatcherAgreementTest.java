package org.telltale.apk.trackers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.apk.Dexdump;

/**
 * Our one-pass matcher against Exodus Privacy's own matching (re-stated in {@code exodus_oracle.py}:
 * Python's {@code re.search} of each tracker's signature over class names read the Exodus way from
 * {@code dexdump}), on every Exodus signature, over the class names of the real APKs and over names
 * built from each signature. They agree everywhere except where the regex wildcard stands for a
 * character other than '.' or '/', the one deliberate difference ({@link ClassSignatureMatcher}).
 */
class ClassSignatureMatcherAgreementTest {
    @TempDir
    Path work;

    @Test
    void everyExodusSignatureMatchesTheNamesExodusMatchesOnRealApksAndOnNamesBuiltFromTheSignatures() throws Exception {
        TrackerCatalogue catalogue = TrackerCatalogue.bundled();
        ClassSignatureMatcher matcher = ClassSignatureMatcher.of(catalogue);

        List<String> positives = new ArrayList<>();
        List<String> nearMisses = new ArrayList<>();
        Map<String, String> nearMissTracker = new LinkedHashMap<>();
        for (Tracker t : catalogue.trackers()) {
            if (!t.origin().equals(Tracker.EXODUS)) {
                continue;
            }
            for (String signature : t.codeSignatures()) {
                String slashed = signature.replace('.', '/');
                String name = (slashed.endsWith("/") ? slashed : slashed + "/") + "Sdk";
                positives.add(name);
                positives.add("x/" + name);
                int dot = signature.indexOf('.');
                if (dot >= 0) {
                    // The regex wildcard lets Exodus match any character where the signature has a dot.
                    String nearMiss = name.substring(0, dot) + "_" + name.substring(dot + 1);
                    nearMisses.add(nearMiss);
                    nearMissTracker.put(nearMiss, t.id());
                }
            }
        }
        assertThat(positives).hasSizeGreaterThan(2 * 500);
        Path extra = Files.write(work.resolve("extra-names.txt"), concat(positives, nearMisses), StandardCharsets.UTF_8);

        Map<String, Set<String>> exodus = new LinkedHashMap<>();
        int realNames = 0;
        for (Path apk : Dexdump.npmApks()) {
            Path dump = Dexdump.run(apk, work);
            Map<String, Set<String>> found = oracle(dump, extra);
            realNames += found.size() - new TreeSet<>(concat(positives, nearMisses)).size();
            exodus.putAll(found);
        }
        assertThat(realNames).as("class names Exodus reads from the real APKs").isGreaterThan(1_000);

        Map<String, String> disagreements = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : exodus.entrySet()) {
            Set<String> ours = ours(matcher, e.getKey().replace('/', '.'));
            if (!ours.equals(e.getValue())) {
                disagreements.put(e.getKey(), "exodus " + e.getValue() + ", ours " + ours);
            }
        }
        Set<String> nearMissSet = Set.copyOf(nearMisses);
        assertThat(disagreements.keySet()).as("disagreements outside the wildcard difference: %s", disagreements)
                .allMatch(nearMissSet::contains);
        for (String name : disagreements.keySet()) {
            Set<String> ours = ours(matcher, name.replace('/', '.'));
            assertThat(exodus.get(name)).as(name).containsAll(ours);
        }
        // And the difference is real: where a dot became another character, Exodus still finds the tracker, we do not.
        nearMissTracker.forEach((name, id) -> {
            assertThat(exodus.get(name)).as(name).contains(id);
            assertThat(ours(matcher, name.replace('/', '.'))).as(name).doesNotContain(id);
        });
        // Each signature's own name finds its tracker, both ways.
        for (String name : positives) {
            assertThat(exodus.get(name)).as(name).isNotEmpty();
        }
        // The real APKs carry no tracker SDK: Exodus finds none in them (and we agree, above).
        for (Path apk : Dexdump.npmApks()) {
            Path dump = Dexdump.run(apk, Files.createDirectories(work.resolve("again")));
            Path none = Files.write(work.resolve("none.txt"), List.of());
            assertThat(oracle(dump, none).values()).as(apk.getFileName().toString()).allMatch(Set::isEmpty);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> ours(ClassSignatureMatcher matcher, String dotted) {
        Set<String> ids = new TreeSet<>();
        matcher.match(dotted, i -> ids.add(matcher.tracker(i).id()));
        return ids;
    }

    private Map<String, Set<String>> oracle(Path dexdumpOutput, Path extraNames) throws IOException, InterruptedException {
        return ExodusOracle.run(work, "exodus_oracle.py", dexdumpOutput, extraNames);
    }
}
