package org.telltale.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.CanaryType;
import org.telltale.api.DecodeLimits;
import org.telltale.api.Session;
import org.telltale.core.EngineSpec;

/**
 * The digest that makes runs incremental: the same specification gives the same digest however its maps
 * were filled (an immutable map's order differs from one JVM to the next), and a change to anything that
 * decides the findings gives another one.
 */
class SpecDigestTest {
    private static final Canary IMEI = new Canary("imei-1", CanaryType.IMEI, "490154203237518", List.of());
    private static final Session INCOGNITO = new Session("incognito", Instant.parse("2020-04-21T09:10:00Z"),
            Instant.parse("2020-04-21T09:20:00Z"));

    private static EngineSpec spec(CanaryFile canaries, Map<String, String> datasets, DecodeLimits limits,
                                   List<String> detectors) {
        return new EngineSpec(canaries, limits, List.of("form", "base64", "gzip"), detectors, datasets);
    }

    private static Map<String, String> datasets(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void theSameSpecificationHasTheSameDigestWhateverTheOrderItsDatasetsWereGivenIn() {
        CanaryFile canaries = new CanaryFile(List.of(IMEI), List.of(INCOGNITO));
        String a = SpecDigest.of(spec(canaries, datasets("asn", "2026-06", "exodus", "7"), DecodeLimits.DEFAULT,
                List.of("canary", "imei")));
        String b = SpecDigest.of(spec(canaries, datasets("exodus", "7", "asn", "2026-06"), DecodeLimits.DEFAULT,
                List.of("canary", "imei")));

        assertThat(a).isEqualTo(b).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void anythingThatDecidesTheFindingsChangesTheDigest() {
        CanaryFile canaries = new CanaryFile(List.of(IMEI), List.of(INCOGNITO));
        Map<String, String> data = datasets("asn", "2026-06");
        String base = SpecDigest.of(spec(canaries, data, DecodeLimits.DEFAULT, List.of("canary", "imei")));

        List<String> changed = List.of(
                SpecDigest.of(spec(new CanaryFile(List.of(new Canary("imei-1", CanaryType.IMEI, "490154203237519",
                        List.of())), List.of(INCOGNITO)), data, DecodeLimits.DEFAULT, List.of("canary", "imei"))),
                SpecDigest.of(spec(new CanaryFile(List.of(IMEI), List.of()), data, DecodeLimits.DEFAULT,
                        List.of("canary", "imei"))),
                SpecDigest.of(spec(canaries, datasets("asn", "2026-07"), DecodeLimits.DEFAULT, List.of("canary", "imei"))),
                SpecDigest.of(spec(canaries, data, new DecodeLimits(9, 32L << 20, 100, 16 << 20, 10_000, 256L << 20),
                        List.of("canary", "imei"))),
                SpecDigest.of(spec(canaries, data, DecodeLimits.DEFAULT, List.of("canary"))),
                // A tab or a newline inside a value cannot make two different specifications read alike.
                SpecDigest.of(spec(new CanaryFile(List.of(new Canary("imei-1\tIMEI", CanaryType.IMEI, "490154203237518",
                        List.of())), List.of(INCOGNITO)), data, DecodeLimits.DEFAULT, List.of("canary", "imei"))));

        assertThat(changed).doesNotContain(base).doesNotHaveDuplicates();
    }
}
