package org.telltale.core.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.CanaryType;
import org.telltale.api.Session;

class CanaryFilesTest {
    private static final String EXAMPLE = """
            canaries:
              - id: visit-1
                type: url            # url, search, text, ...
                value: "https://example.org/private/page-2231"
              - id: query-1
                type: search
                value: "purple elephant 4921"
                expected: [duckduckgo.com]
            sessions:
              - label: incognito
                start: 2020-04-21T09:10:00Z
                end: 2020-04-21T09:20:00Z
            """;

    @Test
    void theDesignExampleReadsAsWritten() throws Exception {
        CanaryFile file = parse(EXAMPLE, "canaries.yaml");
        assertThat(file.canaries()).containsExactly(
                new Canary("visit-1", CanaryType.URL, "https://example.org/private/page-2231", List.of()),
                new Canary("query-1", CanaryType.SEARCH, "purple elephant 4921", List.of("duckduckgo.com")));
        assertThat(file.sessions()).containsExactly(new Session("incognito",
                Instant.parse("2020-04-21T09:10:00Z"), Instant.parse("2020-04-21T09:20:00Z")));
    }

    @Test
    void theSameFileInJsonReadsTheSame() throws Exception {
        String json = """
                {"canaries": [
                  {"id": "visit-1", "type": "url", "value": "https://example.org/private/page-2231"},
                  {"id": "query-1", "type": "SEARCH", "value": "purple elephant 4921", "expected": ["duckduckgo.com"]}
                 ],
                 "sessions": [{"label": "incognito", "start": "2020-04-21T09:10:00Z", "end": "2020-04-21T11:20:00+02:00"}]}
                """;
        CanaryFile file = parse(json, "canaries.json");
        assertThat(file.canaries()).isEqualTo(parse(EXAMPLE, "canaries.yaml").canaries());
        assertThat(file.sessions().get(0).end()).isEqualTo(Instant.parse("2020-04-21T09:20:00Z"));
    }

    @Test
    void expectedMayBeASingleDomainAndUnknownFieldsAreIgnored() throws Exception {
        CanaryFile file = parse("""
                version: 7
                canaries:
                  - id: q
                    type: search
                    value: purple elephant 4921
                    expected: DuckDuckGo.com
                    colour: blue
                """, "c.yaml");
        assertThat(file.canaries()).extracting(Canary::id, Canary::expected)
                .containsExactly(tuple("q", List.of("duckduckgo.com")));
        assertThat(file.sessions()).isEmpty();
    }

    @Test
    void unquotedNumbersKeepTheirDigitsAndPlusSign() throws Exception {
        CanaryFile file = parse("""
                canaries:
                  - {id: imei, type: imei, value: 490154203237518}
                  - {id: phone, type: phone, value: +33612345678}
                  - {id: zero, type: phone, value: 0612345678}
                """, "c.yaml");
        assertThat(file.canaries()).extracting(Canary::value)
                .containsExactly("490154203237518", "+33612345678", "0612345678");
    }

    @Test
    void anUnknownTypeIsNamedWithTheChoicesAndItsPlace() {
        assertThatThrownBy(() -> parse("""
                canaries:
                  - id: ok
                    type: url
                    value: https://example.org/
                  - id: bad
                    type: cookie
                    value: abcdef
                """, "mine.yaml"))
                .isInstanceOf(CanaryFileException.class)
                .hasMessageStartingWith("mine.yaml:6:")
                .hasMessageContaining("canaries[1].type")
                .hasMessageContaining("'cookie'")
                .hasMessageContaining("android_id");
    }

    @Test
    void missingIdOrValueIsNamed() {
        assertThatThrownBy(() -> parse("canaries:\n  - type: url\n    value: https://example.org/\n", "c.yaml"))
                .hasMessageContaining("canaries[0]: missing 'id'");
        assertThatThrownBy(() -> parse("canaries:\n  - id: a\n    type: url\n", "c.yaml"))
                .hasMessageContaining("canaries[0]: missing 'value'");
        assertThatThrownBy(() -> parse("canaries:\n  - id: a\n    type: url\n    value: \"  \"\n", "c.yaml"))
                .hasMessageContaining("canaries[0]: missing 'value'");
    }

    @Test
    void aDuplicateIdNamesBothEntries() {
        assertThatThrownBy(() -> parse("""
                canaries:
                  - {id: a, type: text, value: first value}
                  - {id: b, type: text, value: second value}
                  - {id: a, type: text, value: third value}
                """, "c.yaml"))
                .hasMessageStartingWith("c.yaml:4:")
                .hasMessageContaining("canaries[2].id: duplicate id 'a' (first used in canaries[0])");
    }

    @Test
    void aValueTooShortToMatchSafelyIsRefused() {
        assertThatThrownBy(() -> parse("canaries:\n  - {id: a, type: text, value: abc}\n", "c.yaml"))
                .isInstanceOf(CanaryFileException.class)
                .hasMessageContaining("canaries[0].value")
                .hasMessageContaining("too short");
    }

    @Test
    void sessionsMustEndAfterTheyStartAndHaveReadableTimes() {
        assertThatThrownBy(() -> parse("""
                sessions:
                  - label: incognito
                    start: 2020-04-21T09:20:00Z
                    end: 2020-04-21T09:10:00Z
                """, "c.yaml"))
                .hasMessageStartingWith("c.yaml:4:")
                .hasMessageContaining("sessions[0].end")
                .hasMessageContaining("not after start");
        assertThatThrownBy(() -> parse("""
                sessions:
                  - {label: x, start: yesterday at noon, end: 2020-04-21T09:10:00Z}
                """, "c.yaml"))
                .hasMessageContaining("sessions[0].start: unparsable timestamp 'yesterday at noon'");
    }

    @Test
    void malformedJsonIsPlacedByLineAndColumn() {
        assertThatThrownBy(() -> parse("{\"canaries\": [\n  {\"id\": \"a\",, }\n]}", "c.json"))
                .isInstanceOf(CanaryFileException.class)
                .hasMessageStartingWith("c.json:2:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "just some words", "- a\n- list\n", "canaries: {id: a}", "canaries:\n  - plain\n",
            "key: [unclosed", "\u0000\u0001\u0002binary"})
    void contentThatIsNotACanaryFileIsRefusedWithOneLine(String content) {
        assertThatThrownBy(() -> parse(content, "odd.yaml"))
                .isInstanceOf(CanaryFileException.class)
                .hasMessageStartingWith("odd.yaml")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void randomBytesOnlyEverGiveTheDocumentedException() {
        Random random = new Random(2024);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            if (i % 2 == 0) {
                System.arraycopy("canaries:\n  - ".getBytes(StandardCharsets.UTF_8), 0, garbage, 0,
                        Math.min(14, garbage.length));
            }
            try {
                CanaryFiles.parse(garbage, "random.yaml");
            } catch (CanaryFileException expected) {
                assertThat(expected.getMessage()).startsWith("random.yaml").doesNotContain("\n");
            }
        }
    }

    @Test
    void oversizedFilesAndTooManyCanariesAreRefused() {
        byte[] big = new byte[CanaryFiles.MAX_BYTES + 1];
        assertThatThrownBy(() -> CanaryFiles.parse(big, "big.yaml")).hasMessageContaining("more than a canary file");
        StringBuilder many = new StringBuilder("{\"canaries\":[{}");
        many.append(",{}".repeat(CanaryFiles.MAX_CANARIES));
        many.append("]}");
        assertThatThrownBy(() -> parse(many.toString(), "many.json"))
                .hasMessageContaining("100001 canaries is more than 100000");
    }

    @Test
    void deeplyNestedContentIsRefused() {
        String deep = "{\"canaries\":" + "[".repeat(500) + "]".repeat(500) + "}";
        assertThatThrownBy(() -> parse(deep, "deep.json")).isInstanceOf(CanaryFileException.class)
                .hasMessageStartingWith("deep.json");
    }

    private static CanaryFile parse(String content, String name) throws CanaryFileException {
        return CanaryFiles.parse(content.getBytes(StandardCharsets.UTF_8), name);
    }
}
