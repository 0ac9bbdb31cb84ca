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
            case PHONE -> List.of("no-country-code", "phone-grouped", "phone-parens");
            case MAC -> List.of("mac-dash", "mac-bare", "mac-upper", "mac-bare-upper", "mac-bare-sha256",
                    "mac-bare-upper-md5");
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
            case "mac-bare-sha256" -> HashForm.apply("sha256/hex", value.replace(":", ""));
            case "mac-bare-upper-md5" -> HashForm.apply("md5/hex", value.replace(":", "").toUpperCase(Locale.ROOT));
            case "phone-grouped" -> grouped(value);
            case "phone-parens" -> parens(withoutCountryCode(value));
            default -> throw new IllegalArgumentException("unknown spelling " + name);
        };
    }

    /** "+44 770 090 0123": the country code, then the national number in threes, the rest in the last group. */
    private static String grouped(String phone) {
        String national = withoutCountryCode(phone);
        StringBuilder out = new StringBuilder(phone.substring(0, phone.length() - national.length()));
        int i = 0;
        while (national.length() - i > 4) {
            out.append(' ').append(national, i, i + 3);
            i += 3;
        }
        return out.append(' ').append(national.substring(i)).toString();
    }

    /** "(077) 009-00123": the national number with its trunk 0, the area in parentheses, as US-style formatters write. */
    private static String parens(String national) {
        String n = "0" + national;
        return "(" + n.substring(0, 3) + ") " + n.substring(3, 6) + "-" + n.substring(6);
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
