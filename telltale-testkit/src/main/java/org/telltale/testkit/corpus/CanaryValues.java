package org.telltale.testkit.corpus;

import java.util.List;
import java.util.Random;
import org.telltale.api.CanaryType;

/** Random but realistic values of each canary type, and near misses of them. */
public final class CanaryValues {
    private static final List<String> FIRST = List.of(
            "anna", "lukas", "mei", "omar", "sofia", "jonas", "priya", "mateo", "yuki", "elena", "tariq", "lena");
    private static final List<String> LAST = List.of(
            "kowalski", "nguyen", "schmidt", "okafor", "rossi", "tanaka", "haddad", "silva", "berg", "moreau");
    private static final List<String> MAIL = List.of(
            "gmail.com", "outlook.com", "yahoo.com", "proton.me", "gmx.de", "qq.com", "mail.ru");
    private static final List<String> WORDS = List.of(
            "purple", "elephant", "lantern", "symptoms", "divorce", "lawyer", "clinic", "loan", "visa", "rash",
            "therapist", "pregnancy", "salary", "mortgage", "asylum", "debt", "insulin", "tarot", "guitar", "kayak");
    private static final List<String> SECTIONS = List.of(
            "private", "health/conditions", "forum/thread", "account/messages", "clinic/appointments", "legal/advice");
    private static final String HEX = "0123456789abcdef";

    private CanaryValues() {
    }

    /** A fresh value of the type; canaries and unrelated decoys both come from here. */
    public static String of(CanaryType type, Random r) {
        return switch (type) {
            case URL -> "https://www." + Sites.siteDomain(r) + "/" + Sites.pick(r, SECTIONS) + "/"
                    + Sites.pick(r, WORDS) + "-" + Sites.pick(r, WORDS) + "-" + digits(r, 4);
            case SEARCH -> Sites.pick(r, WORDS) + " " + Sites.pick(r, WORDS) + " " + digits(r, 4);
            case TEXT -> "meet me at the " + Sites.pick(r, WORDS) + " " + Sites.pick(r, WORDS) + " " + digits(r, 4);
            case PATH -> path(r);
            case EMAIL -> Sites.pick(r, FIRST) + "." + Sites.pick(r, LAST) + digits(r, 2) + "@" + Sites.pick(r, MAIL);
            case PHONE -> phone(r);
            case IMEI -> imei(r);
            case ANDROID_ID -> HEX.charAt(1 + r.nextInt(15)) + hex(r, 15);
            case ADVERTISING_ID -> advertisingId(r);
            case MAC -> mac(r);
        };
    }

    /** Whether Telltale compares digests of this type: types whose value is already normalised here. */
    static boolean hashable(CanaryType type) {
        return type == CanaryType.EMAIL || type == CanaryType.IMEI || type == CanaryType.ANDROID_ID
                || type == CanaryType.ADVERTISING_ID;
    }

    /**
     * The value with one letter or digit in its last third replaced by another of the same class
     * (a letter by a letter that differs even ignoring case), so no documented spelling matches it.
     */
    public static String nearMiss(String value, Random r) {
        int from = value.length() * 2 / 3;
        for (int tries = 0; tries < 1000; tries++) {
            int i = from + r.nextInt(value.length() - from);
            char c = value.charAt(i);
            char replacement;
            if (Character.isDigit(c)) {
                replacement = (char) ('0' + (c - '0' + 1 + r.nextInt(9)) % 10);
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                char base = Character.isUpperCase(c) ? 'A' : 'a';
                replacement = (char) (base + (Character.toLowerCase(c) - 'a' + 1 + r.nextInt(25)) % 26);
            } else {
                continue;
            }
            return value.substring(0, i) + replacement + value.substring(i + 1);
        }
        throw new IllegalArgumentException("no letter or digit near the end of " + value);
    }

    /** The value with its last few characters cut off. */
    public static String prefix(String value, Random r) {
        return value.substring(0, value.length() - 3 - r.nextInt(Math.max(1, value.length() / 5)));
    }

    private static String path(Random r) {
        String date = "2020" + two(1 + r.nextInt(12)) + two(1 + r.nextInt(28));
        return switch (r.nextInt(3)) {
            case 0 -> "/storage/emulated/0/DCIM/Camera/IMG_" + date + "_" + digits(r, 6) + ".jpg";
            case 1 -> "/storage/emulated/0/Download/" + Sites.pick(r, WORDS) + "_" + Sites.pick(r, WORDS) + "_"
                    + digits(r, 3) + ".pdf";
            default -> "/sdcard/WhatsApp/Media/WhatsApp Images/IMG-" + date + "-WA" + digits(r, 4) + ".jpg";
        };
    }

    private static String phone(Random r) {
        String cc = Sites.pick(r, Spelling.COUNTRY_CODES);
        String national = switch (cc) {
            case "1" -> (char) ('2' + r.nextInt(8)) + digits(r, 2) + (char) ('2' + r.nextInt(8)) + digits(r, 6);
            case "44" -> "7" + digits(r, 9);
            case "49" -> "15" + digits(r, 9);
            case "86" -> "13" + digits(r, 9);
            case "33" -> "6" + digits(r, 8);
            default -> "9" + digits(r, 9);
        };
        return "+" + cc + national;
    }

    /** 15 digits: a type allocation code, a serial and the Luhn check digit, as on a real handset. */
    private static String imei(Random r) {
        String body = "35" + digits(r, 12);
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(i) - '0';
            // Luhn doubles every second digit counting from the right of the full number.
            if (i % 2 == 1) {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }
            sum += d;
        }
        return body + (10 - sum % 10) % 10;
    }

    private static String advertisingId(Random r) {
        String h = hex(r, 32);
        char variant = "89ab".charAt(r.nextInt(4));
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-" + variant
                + h.substring(17, 20) + "-" + h.substring(20);
    }

    /** A universally administered unicast address (first octet with the two low bits clear). */
    private static String mac(Random r) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            int b = r.nextInt(256);
            if (i == 0) {
                b &= 0xfc;
            }
            out.append(i == 0 ? "" : ":").append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 15));
        }
        return out.toString();
    }

    static String digits(Random r, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append((char) ('0' + r.nextInt(10)));
        }
        return out.toString();
    }

    static String hex(Random r, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(HEX.charAt(r.nextInt(16)));
        }
        return out.toString();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
