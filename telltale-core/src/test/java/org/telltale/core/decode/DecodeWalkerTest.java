package org.telltale.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telltale.core.decode.Walks.body;
import static org.telltale.core.decode.Walks.gzip;
import static org.telltale.core.decode.Walks.utf8;
import static org.telltale.core.decode.Walks.walk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

class DecodeWalkerTest {
    private static final String EVENTS = "[{\"event\":\"$pageview\",\"properties\":{\"q\":\"purple elephant 4921\","
            + "\"$current_url\":\"https://example.org/private/page-2231\"}}]";

    @Test
    void gzipInsideBase64InsideFormFieldIsFound() {
        String b64 = Base64.getEncoder().encodeToString(gzip(utf8(EVENTS)));
        String form = "data_list=" + URLEncoder.encode(b64, StandardCharsets.UTF_8) + "&compression=gzip";

        Walks.Result r = walk(body(form, "application/x-www-form-urlencoded"));

        Walks.Node q = r.at("form:data_list", "base64", "gzip", "json:$[0].properties.q");
        assertThat(q).isNotNull();
        assertThat(q.text()).isEqualTo("purple elephant 4921");
        assertThat(q.leaf()).isTrue();
        assertThat(r.textAt("form:data_list", "base64", "gzip", "json:$[0].properties.$current_url"))
                .isEqualTo("https://example.org/private/page-2231");
        assertThat(r.at().leaf()).isFalse();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void theRootIsVisitedFirstAndParentsBeforeChildren() {
        Walks.Result r = walk(body("a=1&b=%7B%22c%22%3A2%7D", null));

        assertThat(r.paths()).containsExactly(
                List.of(),
                List.of("form:a"),
                List.of("form:b"),
                List.of("form:b", "json:$.c"));
    }

    @Test
    void plainTextIsASingleLeaf() {
        Walks.Result r = walk(body("hello, this is just a sentence.", "text/plain"));

        assertThat(r.nodes()).hasSize(1);
        assertThat(r.nodes().get(0).leaf()).isTrue();
    }

    @Test
    void truncatedGzipGivesADiagnosticAndTheWalkGoesOn() {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            words.append(Integer.toString(i * 7919 % 10007, 36)).append(' ');
        }
        byte[] whole = gzip(utf8("{\"email\":\"jane@example.org\",\"padding\":\"" + words + "\"}"));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        String form = "broken=" + URLEncoder.encode(Base64.getEncoder().encodeToString(truncated), StandardCharsets.UTF_8)
                + "&fine=" + Base64.getEncoder().encodeToString(utf8("device 1234 android"));

        Walks.Result r = walk(body(form, "application/x-www-form-urlencoded"));

        assertThat(r.diagnostics()).anySatisfy(d -> assertThat(d)
                .startsWith("request.body > form:broken > base64: gzip failed: ")
                .contains("Unexpected end of ZLIB input stream"));
        assertThat(r.textAt("form:fine", "base64")).isEqualTo("device 1234 android");
        assertThat(r.textAt("form:broken", "base64", "gzip", "json:$.email")).isEqualTo("jane@example.org");
    }

    @Test
    void zipBombStopsAtTheExpansionRatioWithADiagnostic() {
        byte[] bomb = gzip(new byte[4 << 20]);
        Walks.Result r = walk(Payload.root("request.body", bomb, "application/octet-stream", "gzip"));

        assertThat(bomb.length).isLessThan(10_000);
        assertThat(r.diagnostics()).singleElement().satisfies(d -> assertThat(d)
                .startsWith("request.body: gzip failed: expansion limit: output exceeds 100x"));
        assertThat(r.at("gzip").payload().data()).hasSize(bomb.length * 100);
    }

    @Test
    void aLayerLargerThanTheLayerLimitIsCut() {
        DecodeLimits limits = new DecodeLimits(10, 32L << 20, 100_000, 1 << 20, 10_000, 2_000);
        byte[] big = gzip(utf8("z".repeat(3 << 20)));

        Walks.Result r = walk(Payload.root("request.body", big, null, "gzip"), limits);

        assertThat(r.at("gzip").payload().data()).hasSize(1 << 20);
        assertThat(r.diagnostics()).singleElement().asString().contains("layer size limit");
    }

    @Test
    void depthLimitStopsDecodingWithADiagnostic() {
        String text = "the innermost secret 4921";
        for (int i = 0; i < 12; i++) {
            text = Base64.getEncoder().encodeToString(utf8(text));
        }
        Walks.Result r = walk(body(text, null), new DecodeLimits(5, 32L << 20, 100, 16 << 20, 10_000, 2_000));

        assertThat(r.nodes()).hasSize(6);
        assertThat(r.nodes().get(5).payload().depth()).isEqualTo(5);
        assertThat(r.diagnostics()).singleElement().asString().contains("depth limit of 5 steps");
    }

    @Test
    void aDecoderThatThrowsIsReportedAndTheNextOneIsTried() {
        Decoder broken = new Decoder() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public double fit(Payload payload) {
                return 1000;
            }

            @Override
            public List<Payload> decode(Payload payload, DecodeLimits limits) {
                throw new IllegalStateException("always fails");
            }
        };
        List<Decoder> decoders = new ArrayList<>(Decoders.builtIn());
        decoders.add(broken);
        DecodeWalker walker = new DecodeWalker(decoders, DecodeLimits.DEFAULT);
        List<Payload> seen = new ArrayList<>();
        List<String> diagnostics = new ArrayList<>();

        walker.walk(body("k=v1&k2=v2", null), walker.newBudget(), (n, leaf) -> seen.add(n), diagnostics::add);

        assertThat(diagnostics).contains("request.body: broken failed: always fails");
        assertThat(seen).extracting(Payload::lastStep).contains("form:k", "form:k2");
    }

    @Test
    void aChildEqualToAnAncestorIsDropped() {
        Decoder echo = new Decoder() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public double fit(Payload payload) {
                return 1;
            }

            @Override
            public List<Payload> decode(Payload payload, DecodeLimits limits) {
                return List.of(payload.child("echo", payload.data().clone()));
            }
        };
        DecodeWalker walker = new DecodeWalker(List.of(echo), DecodeLimits.DEFAULT);
        List<Payload> seen = new ArrayList<>();

        walker.walk(body("same bytes", null), walker.newBudget(), (n, leaf) -> seen.add(n), d -> { });

        assertThat(seen).hasSize(1);
    }

    @Test
    void tooManyChildrenAreCutWithADiagnostic() {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            form.append("k").append(i).append("=v").append(i).append('&');
        }
        Walks.Result r = walk(body(form.toString(), "application/x-www-form-urlencoded"),
                new DecodeLimits(10, 32L << 20, 100, 16 << 20, 20, 2_000));

        assertThat(r.nodes()).hasSize(21);
        assertThat(r.diagnostics()).singleElement().asString().contains("more than 20 children");
    }

    @Test
    void theByteBudgetIsSharedByTheRootsOfOneExchange() {
        DecodeWalker walker = new DecodeWalker(Decoders.builtIn(),
                new DecodeLimits(10, 1000, 100, 16 << 20, 10_000, 2_000));
        DecodeWalker.Budget budget = walker.newBudget();
        List<String> diagnostics = new ArrayList<>();
        List<Payload> seen = new ArrayList<>();
        byte[] json = utf8("{\"a\":\"" + "x".repeat(600) + "\"}");

        walker.walk(Payload.root("request.body", gzip(json), null, "gzip"), budget, (n, l) -> seen.add(n), diagnostics::add);
        walker.walk(Payload.root("request.body", gzip(json), null, "gzip"), budget, (n, l) -> seen.add(n), diagnostics::add);

        assertThat(seen).extracting(Payload::lastStep).containsExactly(null, "gzip", null);
        assertThat(diagnostics).singleElement().asString().contains("decoding budget of 1000 bytes");
    }

    @Test
    void theBudgetSaysWhenALimitLeftPartOfTheExchangeUndecodedAndOnlyThen() {
        DecodeWalker walker = new DecodeWalker(Decoders.builtIn(), new DecodeLimits(1, 32L << 20, 100, 16 << 20, 10_000,
                1L << 20));
        DecodeWalker.Budget shallow = walker.newBudget();
        walker.walk(body("a=1&b=" + java.util.Base64.getEncoder().encodeToString("x=1&y=2".getBytes()), null), shallow,
                (node, leaf) -> { }, m -> { });
        DecodeWalker.Budget flat = walker.newBudget();
        walker.walk(body("plain words only", "text/plain"), flat, (node, leaf) -> { }, m -> { });

        assertThat(shallow.limited()).isTrue();
        assertThat(flat.limited()).isFalse();
    }

    @Test
    void aDecoderThatReturnsAChildNotMadeFromItsParentIsADiagnosticNotACrash() {
        org.telltale.api.Decoder careless = new org.telltale.api.Decoder() {
            @Override
            public String name() {
                return "careless";
            }

            @Override
            public double fit(org.telltale.api.Payload p) {
                return p.depth() == 0 ? 1000 : -1;
            }

            @Override
            public List<org.telltale.api.Payload> decode(org.telltale.api.Payload p, DecodeLimits limits) {
                return List.of(new org.telltale.api.Payload(p.location(), p.path(), p.data(), null, null));
            }
        };
        java.util.List<org.telltale.api.Decoder> decoders = new java.util.ArrayList<>(Decoders.builtIn());
        decoders.add(0, careless);
        DecodeWalker walker = new DecodeWalker(decoders, DecodeLimits.DEFAULT);
        List<String> diagnostics = new java.util.ArrayList<>();
        List<String> seen = new java.util.ArrayList<>();

        walker.walk(body("a=1&b=2", null), walker.newBudget(), (node, leaf) -> seen.add(String.join(">", node.labels())),
                diagnostics::add);

        assertThat(diagnostics).singleElement().asString().contains("careless failed: child 0 is not one step below");
        assertThat(seen).contains("form:a", "form:b");
    }
}
