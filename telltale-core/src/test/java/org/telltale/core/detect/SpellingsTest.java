package org.telltale.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.api.Detection;
import org.telltale.api.Payload;

/**
 * Spellings found in real traffic, both directions: a phone number as people and libraries format
 * it, the hashes of a MAC written without separators, the hashes of an e-mail address as typed and
 * lower-cased; and near misses (another number, a longer one, a different address) not matched.
 */
class SpellingsTest {
    private static final Canary PHONE = new Canary("phone", CanaryType.PHONE, "+40721234567", List.of());
    private static final Canary MAC = new Canary("mac", CanaryType.MAC, "A4:B1:C2:D3:E4:F5", List.of());
    private static final Canary MAIL = new Canary("mail", CanaryType.EMAIL, "Jane.Roe@Mail.example", List.of());
    private final CanaryMatcher matcher = new CanaryMatcher(List.of(PHONE, MAC, MAIL));

    private List<Detection> detect(String text) {
        Payload node = Payload.root("request.body", text.getBytes(StandardCharsets.UTF_8), null, null);
        return matcher.detect(NodeView.of(node, true, "tracker.example.net", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+40721234567", "40721234567", "0721234567", "721234567", "0040721234567",
        "0721 234 567", "0721-234-567", "0721.234.567", "(072) 123-4567", "(0721) 234 567", "+40 721-234-567",
        "+40 721 234 567", "+40 (0)721 234 567", "0040 721 234 567", "+40-721-234-567", "072/1234567"})
    void aPhoneNumberIsFoundHoweverItIsFormatted(String spelling) {
        String text = "{\"tel\":\"" + spelling + "\",\"n\":1}";

        List<Detection> found = detect(text);

        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.canary()).isEqualTo("phone");
            assertThat(d.matched()).isEqualTo(spelling);
            assertThat(text.substring(d.start(), d.end())).isEqualTo(spelling);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"+40 721 234 568", "0721 234 5678", "10721 234 567", "0721 234 567 8", "(072) 123-456",
        "+41 721 234 567", "2020-04-21 07:21", "0721-234-567x", "v0721 234 567"})
    void anotherNumberIsNotMatched(String other) {
        assertThat(detect("{\"tel\":\"" + other + "\"}")).isEmpty();
    }

    @Test
    void aNumberWithoutACountryCodeIsFoundFormattedToo() {
        CanaryMatcher national = new CanaryMatcher(List.of(new Canary("p", CanaryType.PHONE, "0721234567", List.of())));

        List<Detection> found = national.detect(NodeView.of(Payload.root("request.body",
                "call (072) 123-4567 now".getBytes(StandardCharsets.UTF_8), null, null), true, "t.example", null));

        assertThat(found).extracting(Detection::matched).containsExactly("(072) 123-4567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MD5", "SHA-1", "SHA-256"})
    void hashesOfAMacWithoutSeparatorsAreFoundInBothCases(String algorithm) throws Exception {
        for (String bare : new String[] {"a4b1c2d3e4f5", "A4B1C2D3E4F5"}) {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(bare.getBytes(StandardCharsets.UTF_8)));

            assertThat(detect("mh=" + digest + "&x=1")).as(bare).extracting(Detection::canary).containsExactly("mac");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MD5", "SHA-1", "SHA-256"})
    void hashesOfAnEmailAsTypedAndLowerCasedAreFound(String algorithm) throws Exception {
        for (String typed : new String[] {"Jane.Roe@Mail.example", "jane.roe@mail.example"}) {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(typed.getBytes(StandardCharsets.UTF_8)));

            assertThat(detect("{\"em\":\"" + digest + "\"}")).as(typed).extracting(Detection::canary)
                    .containsExactly("mail");
        }
        String other = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                .digest("JANE.ROE@MAIL.EXAMPLE".getBytes(StandardCharsets.UTF_8)));
        assertThat(detect("{\"em\":\"" + other + "\"}")).as("upper case is neither typed nor normalised").isEmpty();
    }

    @Test
    void theFormsOfANumberAreItsInternationalAndNationalDigits() {
        assertThat(CanaryVariants.phoneDigitForms(PHONE))
                .containsExactly("40721234567", "0721234567", "721234567", "400721234567");
        assertThat(CanaryVariants.phoneDigitForms(new Canary("p", CanaryType.PHONE, "12345", List.of()))).isEmpty();
        assertThat("x".toUpperCase(Locale.ROOT)).isEqualTo("X");
    }
}
