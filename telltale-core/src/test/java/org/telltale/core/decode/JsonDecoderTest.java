package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.body;
import static org.telltale.core.decode.Walks.resource;
import static org.telltale.core.decode.Walks.walk;

import org.junit.jupiter.api.Test;
import org.telltale.api.Payload;

class JsonDecoderTest {
    @Test
    void realTrackerBodyDeclaredAsTextIsSniffedAndEveryScalarHasItsPath() {
        Walks.Result r = walk(Payload.root("request.body", resource("postdata-body.json"), "text/plain;charset=UTF-8", null));

        assertThat(r.textAt("json:$.metadata.domain")).isEqualTo("reqbin.com");
        assertThat(r.textAt("json:$.metadata.pageViewId")).isEqualTo("1689428126308");
        assertThat(r.textAt("json:$.metadata.isCollectable")).isEqualTo("true");
        assertThat(r.textAt("json:$.payloads[2].gamAdUnitPath")).isEqualTo("/1254144,21910826702/reqbin_com-box-1");
        assertThat(r.textAt("json:$.payloads[3].adSize")).isEqualTo("300x250");
        assertThat(r.at("json:$.payloads[1].zoneId")).isNull();
        assertThat(r.at("json:$.metadata.query")).isNull();
    }

    @Test
    void jsonInsideAJsonStringIsDecodedAgain() {
        Walks.Result r = walk(body("{\"event\":\"{\\\"user\\\":{\\\"email\\\":\\\"jane@example.org\\\"}}\"}", "application/json"));

        assertThat(r.textAt("json:$.event", "json:$.user.email")).isEqualTo("jane@example.org");
    }

    @Test
    void everyEscapeJsonAllowsIsUnescaped() {
        Walks.Result r = walk(body("{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"}", "application/json"));

        assertThat(r.textAt("json:$.s")).isEqualTo("a\"b\\c/d\b\f\n\r\té\uD83D\uDE00");
    }

    @Test
    void keysThatAreNotIdentifiersAreBracketQuoted() {
        Walks.Result r = walk(body("{\"a b\":1,\"it's\":2,\"$url\":3,\"9x\":4}", null));

        assertThat(r.textAt("json:$['a b']")).isEqualTo("1");
        assertThat(r.textAt("json:$['it\\'s']")).isEqualTo("2");
        assertThat(r.textAt("json:$.$url")).isEqualTo("3");
        assertThat(r.textAt("json:$['9x']")).isEqualTo("4");
    }

    @Test
    void topLevelArraysAndNestedArraysAreIndexed() {
        Walks.Result r = walk(body("[[1,[2,3]],{\"k\":[false,\"x\"]},4]", null));

        assertThat(r.textAt("json:$[0][1][1]")).isEqualTo("3");
        assertThat(r.textAt("json:$[1].k[0]")).isEqualTo("false");
        assertThat(r.textAt("json:$[1].k[1]")).isEqualTo("x");
        assertThat(r.textAt("json:$[2]")).isEqualTo("4");
    }

    @Test
    void jsonLinesGiveEachLineItsNumberAndConcatenatedDocumentsTheirs() {
        Walks.Result r = walk(body("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n", "application/x-ndjson"));

        assertThat(r.textAt("jsonl:line[0]", "json:$.a")).isEqualTo("1");
        assertThat(r.textAt("jsonl:line[1]", "json:$.a")).isEqualTo("2");
        assertThat(r.textAt("jsonl:line[2]", "json:$.a")).isEqualTo("3");

        Walks.Result concatenated = walk(body("{\"a\":1}{\"a\":2}", "application/json"));
        assertThat(concatenated.textAt("json:#2$.a")).isEqualTo("2");
    }

    @Test
    void truncatedJsonKeepsWhatWasReadAndSaysWhy() {
        Walks.Result r = walk(body("{\"email\":\"jane@example.org\",\"name\":\"Ja", "application/json"));

        assertThat(r.textAt("json:$.email")).isEqualTo("jane@example.org");
        assertThat(r.diagnostics()).singleElement().asString().startsWith("request.body: json failed: ");
    }

    @Test
    void textThatOnlyStartsLikeJsonIsLeftAlone() {
        Walks.Result r = walk(body("{this is not json}", null));

        assertThat(r.nodes()).hasSize(1);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void nestingBeyondTheBoundIsADiagnosticNotACrash() {
        Walks.Result r = walk(body("[".repeat(5000) + "]".repeat(5000), "application/json"));

        assertThat(r.diagnostics()).singleElement().asString().contains("json failed");
    }
}
