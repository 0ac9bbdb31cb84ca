package org.telltale.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.telltale.api.Canary;
import org.telltale.api.CanaryType;
import org.telltale.core.detect.CanaryVariants.Variant;

class CanaryVariantsTest {

    @Test
    void aUrlIsSpelledWithAndWithoutSchemeAndSlashEncodedAndDoubleEncoded() {
        List<Variant> v = variants(CanaryType.URL, "https://example.org/private/page-2231");
        assertThat(v).extracting(Variant::text, Variant::transform).contains(
                tuple("https://example.org/private/page-2231", "plain"),
                tuple("https://example.org/private/page-2231/", "plain"),
                tuple("example.org/private/page-2231", "plain"),
                tuple("example.org/private/page-2231/", "plain"),
                tuple("https:\\/\\/example.org\\/private\\/page-2231", "json-escaped"),
                tuple("https%3A%2F%2Fexample.org%2Fprivate%2Fpage-2231", "url-encoded"),
                tuple("https%253A%252F%252Fexample.org%252Fprivate%252Fpage-2231", "double-url-encoded"));
        assertThat(v.get(0)).isEqualTo(new Variant("https://example.org/private/page-2231", "plain"));
    }

    @Test
    void aSearchIsSpelledFormEncodedAndUrlEncoded() {
        assertThat(variants(CanaryType.SEARCH, "purple elephant 4921"))
                .extracting(Variant::text, Variant::transform).contains(
                        tuple("purple elephant 4921", "plain"),
                        tuple("purple+elephant+4921", "form-encoded"),
                        tuple("purple%20elephant%204921", "url-encoded"),
                        tuple("purple%2Belephant%2B4921", "double-url-encoded"));
    }

    @Test
    void aPhoneNumberWithCountryCodeIsSpelledInternationallyAndNationally() {
        assertThat(variants(CanaryType.PHONE, "+33 6 12 34 56 78"))
                .filteredOn(x -> x.transform().equals("plain")).extracting(Variant::text)
                .contains("+33 6 12 34 56 78", "33612345678", "+33612345678", "0612345678", "612345678");
    }

    @Test
    void theCountryCodeIsFoundWithoutSeparatorsToo() {
        assertThat(variants(CanaryType.PHONE, "+14155550132")).extracting(Variant::text)
                .contains("14155550132", "4155550132");
        assertThat(variants(CanaryType.PHONE, "+442079460958")).extracting(Variant::text)
                .contains("442079460958", "02079460958");
        assertThat(variants(CanaryType.PHONE, "+353861234567")).extracting(Variant::text)
                .contains("353861234567", "0861234567");
    }

    @Test
    void aPhoneNumberWithoutCountryCodeKeepsItsNationalForm() {
        List<String> texts = texts(variants(CanaryType.PHONE, "06 12 34 56 78"));
        assertThat(texts).contains("0612345678").doesNotContain("612345678", "33612345678");
    }

    @Test
    void aMacAddressIsSpelledWithEachSeparator() {
        assertThat(variants(CanaryType.MAC, "AA:BB:CC:DD:EE:0F")).filteredOn(x -> x.transform().equals("plain"))
                .extracting(Variant::text)
                .containsExactly("aa:bb:cc:dd:ee:0f", "aa-bb-cc-dd-ee-0f", "aabbccddee0f", "aabb.ccdd.ee0f");
    }

    @Test
    void anEmailIsTrimmedAndLowerCasedBeforeHashing() throws Exception {
        List<Variant> v = variants(CanaryType.EMAIL, "  Jane.Doe@Example.com ");
        assertThat(v.get(0)).isEqualTo(new Variant("jane.doe@example.com", "plain"));
        // Computed independently with Python's hashlib.
        assertThat(v).contains(new Variant(
                "86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d", "sha256"));
        assertThat(v).contains(new Variant(hex("MD5", "jane.doe@example.com"), "md5"));
    }

    @Test
    void anAdvertisingIdIsSpelledWithAndWithoutDashes() {
        assertThat(texts(variants(CanaryType.ADVERTISING_ID, "38400000-8CF0-11BD-B23E-10B96E40000D")))
                .contains("38400000-8cf0-11bd-b23e-10b96e40000d", "384000008cf011bdb23e10b96e40000d");
    }

    @Test
    void hashesAreGivenAsHexAndAsStandardAndUrlSafeBase64WithAndWithoutPadding() throws Exception {
        List<Variant> v = variants(CanaryType.SEARCH, "purple elephant 0");
        // From Python: base64 of this SHA-256 holds a '+', so the URL-safe spelling differs.
        assertThat(v).contains(
                new Variant("974QBZq24P5R6MTTBLXxIZ65U+5FROa6D0vzh9mmGmI=", "sha256-base64"),
                new Variant("974QBZq24P5R6MTTBLXxIZ65U+5FROa6D0vzh9mmGmI", "sha256-base64"),
                new Variant("974QBZq24P5R6MTTBLXxIZ65U-5FROa6D0vzh9mmGmI=", "sha256-base64"),
                new Variant("974QBZq24P5R6MTTBLXxIZ65U-5FROa6D0vzh9mmGmI", "sha256-base64"),
                new Variant(hex("SHA-1", "purple elephant 0"), "sha1"),
                new Variant(Base64.getEncoder().encodeToString(digest("MD5", "purple elephant 0")), "md5-base64"));
    }

    @Test
    void javaHexDropsLeadingZerosAndIsListedOnlyWhenItDiffers() {
        // From Python: md5("490154203237518") = 0eaed834a1e6f4b2bf0c024e0013dea1.
        assertThat(variants(CanaryType.IMEI, "490154203237518"))
                .contains(new Variant("eaed834a1e6f4b2bfc24e013dea1", "md5-java-hex"));
        // md5("356938035643809") = af2d48f2495881aed1737bb21017f9b6 has no byte below 0x10.
        assertThat(variants(CanaryType.IMEI, "356938035643809")).extracting(Variant::transform)
                .contains("md5").doesNotContain("md5-java-hex");
    }

    @ParameterizedTest
    @EnumSource(CanaryType.class)
    void everyTypeGivesABoundedListOfDistinctSpellingsLongEnoughToMatch(CanaryType type) {
        String value = switch (type) {
            case URL -> "https://example.org/private/page-2231/";
            case PHONE -> "+33 6 12 34 56 78";
            case MAC -> "aa:bb:cc:dd:ee:ff";
            case ADVERTISING_ID -> "38400000-8cf0-11bd-b23e-10b96e40000d";
            case EMAIL -> "jane.doe@example.com";
            default -> "value / with spaces & 4921";
        };
        List<Variant> v = variants(type, value);
        assertThat(v).hasSizeBetween(5, CanaryVariants.MAX_PER_CANARY);
        assertThat(v).allSatisfy(x -> assertThat(x.text()).hasSizeGreaterThanOrEqualTo(CanaryVariants.MIN_LENGTH));
        assertThat(v.stream().map(x -> x.text().toLowerCase(Locale.ROOT)).distinct().count()).isEqualTo(v.size());
        assertThat(v.get(0).transform()).isEqualTo("plain");
    }

    private static List<Variant> variants(CanaryType type, String value) {
        return CanaryVariants.of(new Canary("c", type, value, List.of()));
    }

    private static List<String> texts(List<Variant> v) {
        return v.stream().map(Variant::text).toList();
    }

    private static byte[] digest(String algorithm, String s) {
        try {
            return MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(String algorithm, String s) {
        return HexFormat.of().formatHex(digest(algorithm, s));
    }
}
