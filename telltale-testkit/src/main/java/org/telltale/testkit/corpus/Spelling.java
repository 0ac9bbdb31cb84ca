package org.telltale.testkit.corpus;

import java.util.List;
import java.util.Locale;
import org.telltale.api.CanaryType;

/** Other spellings of a canary that Telltale is documented to recognise. */
public final class Spelling {
    /** The country codes {@link CanaryValues} gives phone numbers; longest first so "+44" never reads as "+4". */
    static final List<String> COUNTRY_CODES = List.of("44", "49", "86", "33", "91", "1");

    private Spelling() {
    }

    /** The spellings that apply to a type (empty when none). */
    public static List<String> forType(CanaryType type) {
        return switch (type) {
            case URL -> List.of("no-scheme");
            case SEARCH -> List.of("plus", "pct20", "upper");
            case TEXT, EMAIL, ADVERTISING_ID, ANDROID_ID -> List.of("upper");
            case PHONE -> List.of("no-country-code");
            case MAC -> List.of("mac-dash", "mac-bare", "mac-upper", "mac-bare-upper");
            default -> List.of();
        };
    }

    /** The value spelled the named way. */
    public static String apply(String name, String value) {
        return switch (name) {
            case "upper" -> value.toUpperCase(Locale.ROOT);
            case "no-scheme" -> value.substring(value.indexOf("://") + 3);
            case "plus" -> value.replace(' ', '+');
            case "pct20" -> value.replace(" ", "%20");
            case "no-country-code" -> withoutCountryCode(value);
            case "mac-dash" -> value.replace(':', '-');
            case "mac-bare" -> value.replace(":", "");
            case "mac-upper" -> value.toUpperCase(Locale.ROOT);
            case "mac-bare-upper" -> value.replace(":", "").toUpperCase(Locale.ROOT);
            default -> throw new IllegalArgumentException("unknown spelling " + name);
        };
    }

    private static String withoutCountryCode(String phone) {
        for (String cc : COUNTRY_CODES) {
            if (phone.startsWith("+" + cc)) {
                return phone.substring(cc.length() + 1);
            }
        }
        throw new IllegalArgumentException("no known country code in " + phone);
    }
}
