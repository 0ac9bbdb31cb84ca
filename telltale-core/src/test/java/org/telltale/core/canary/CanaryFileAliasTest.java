package org.telltale.core.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.CanaryType;

/**
 * YAML anchors and aliases: "&name" marks a value, "*name" later in the file repeats it. An alias
 * once read as the text of its own name ("value: *myimei" planted the canary "myimei"); now it is
 * refused with its place, since the streaming parser cannot resolve every alias (see SourceTree).
 */
class CanaryFileAliasTest {
    @Test
    void anAliasIsRefusedWithTheFileLineAndColumn() {
        assertThatThrownBy(() -> parse("""
                canaries:
                  - id: imei-1
                    type: imei
                    value: &myimei "490154203237518"
                  - id: imei-2
                    type: text
                    value: *myimei
                """, "c.yaml"))
                .isInstanceOf(CanaryFileException.class)
                .hasMessage("c.yaml:7:12: YAML aliases are not supported (*myimei): write the value out");
    }

    @Test
    void anAliasOfAWholeEntryOrListIsRefusedToo() {
        assertThatThrownBy(() -> parse("""
                shared: &phone {id: phone-1, type: phone, value: +33612345678}
                canaries:
                  - *phone
                """, "c.yaml"))
                .hasMessage("c.yaml:3:5: YAML aliases are not supported (*phone): write the value out");
        assertThatThrownBy(() -> parse("""
                canaries:
                  - {id: a, type: search, value: purple elephant, expected: &engines [duckduckgo.com]}
                  - {id: b, type: search, value: green giraffe, expected: *engines}
                """, "c.yaml"))
                .hasMessageStartingWith("c.yaml:3:")
                .hasMessageContaining("(*engines)");
    }

    @Test
    void mergeKeysAreRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> parse("""
                canaries:
                  - <<: {type: text, expected: [example.net]}
                    id: a
                    value: abcdef
                """, "c.yaml"))
                .hasMessage("c.yaml:2:5: YAML merge keys (<<) are not supported: write the fields out");
    }

    @Test
    void anAnchorWithoutAnAliasReadsAsTheValueItMarks() throws Exception {
        String withAnchors = """
                canaries:
                  - id: imei-1
                    type: imei
                    value: &myimei 490154203237518
                    expected: &engines [duckduckgo.com]
                """;
        assertThat(parse(withAnchors, "c.yaml").canaries()).containsExactly(
                new Canary("imei-1", CanaryType.IMEI, "490154203237518", List.of("duckduckgo.com")));
        assertThat(parse(withAnchors.replace("&myimei ", "").replace("&engines ", ""), "c.yaml"))
                .isEqualTo(parse(withAnchors, "c.yaml"));
    }

    @Test
    void starsAndAmpersandsInQuotedTextAndInJsonStayText() throws Exception {
        CanaryFile yaml = parse("""
                canaries:
                  - {id: a, type: text, value: "*myimei"}
                  - {id: b, type: text, value: '&anchor here'}
                  - {id: c, type: text, value: "<<a>>"}
                """, "c.yaml");
        CanaryFile json = parse("""
                {"canaries": [{"id": "a", "type": "text", "value": "*myimei"},
                              {"id": "b", "type": "text", "value": "&anchor here"},
                              {"id": "c", "type": "text", "value": "<<a>>", "<<": "a JSON key like any other"}]}
                """, "c.json");
        assertThat(yaml.canaries()).extracting(Canary::value).containsExactly("*myimei", "&anchor here", "<<a>>");
        assertThat(json.canaries()).isEqualTo(yaml.canaries());
    }

    private static CanaryFile parse(String content, String name) throws CanaryFileException {
        return CanaryFiles.parse(content.getBytes(StandardCharsets.UTF_8), name);
    }
}
