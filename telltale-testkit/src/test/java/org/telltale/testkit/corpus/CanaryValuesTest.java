package org.telltale.testkit.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.api.CanaryType;

class CanaryValuesTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void valuesHaveTheShapeOfRealOnes(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            assertThat(CanaryValues.of(CanaryType.IMEI, r)).matches("\\d{15}").satisfies(v ->
                    assertThat(luhnValid(v)).as("Luhn check of %s", v).isTrue());
            assertThat(CanaryValues.of(CanaryType.MAC, r)).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            assertThat(CanaryValues.of(CanaryType.EMAIL, r)).matches("[a-z]+\\.[a-z]+\\d{2}@[a-z]+\\.[a-z]+");
            assertThat(CanaryValues.of(CanaryType.PHONE, r)).matches("\\+(1|33|44|49|86|91)\\d{9,11}");
            assertThat(CanaryValues.of(CanaryType.ADVERTISING_ID, r))
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(CanaryValues.of(CanaryType.ANDROID_ID, r)).matches("[1-9a-f][0-9a-f]{15}");
            assertThat(CanaryValues.of(CanaryType.PATH, r)).matches("/(storage/emulated/0|sdcard)/.+\\.(jpg|pdf)");
            URI url = URI.create(CanaryValues.of(CanaryType.URL, r));
            assertThat(url.getScheme()).isEqualTo("https");
            assertThat(url.getHost()).startsWith("www.");
            assertThat(CanaryValues.of(CanaryType.SEARCH, r)).matches("[a-z]+ [a-z]+ \\d{4}");
        }
    }

    @ParameterizedTest
    @EnumSource(CanaryType.class)
    void nearMissChangesOneCharacterAndMatchesNoSpellingOfTheValue(CanaryType type) {
        Random r = new Random(type.ordinal());
        for (int i = 0; i < 200; i++) {
            String value = CanaryValues.of(type, r);
            String miss = CanaryValues.nearMiss(value, r);

            assertThat(miss).hasSameSizeAs(value);
            int changed = 0;
            for (int k = 0; k < value.length(); k++) {
                changed += Character.toLowerCase(miss.charAt(k)) != Character.toLowerCase(value.charAt(k)) ? 1 : 0;
            }
            assertThat(changed).as("%s -> %s", value, miss).isEqualTo(1);
            String lower = miss.toLowerCase(Locale.ROOT);
            for (String spelling : Spelling.forType(type)) {
                assertThat(lower).doesNotContain(ChainPeeler.spell(spelling, value).toLowerCase(Locale.ROOT));
            }
            String prefix = CanaryValues.prefix(value, r);
            assertThat(value).startsWith(prefix);
            assertThat(prefix.length()).isLessThanOrEqualTo(value.length() - 3);
        }
    }

    /** Luhn, written out independently: double every second digit from the right. */
    private static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
