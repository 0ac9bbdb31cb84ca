package org.telltale.core.detect.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * The phone's IMEI: 15 digits whose last is a Luhn check digit. Under a telling field name it is
 * found anywhere in the value (HIGH), and the 16-digit IMEISV too; without one only a value that
 * is exactly such a number with a plausible type allocation code counts (MEDIUM).
 */
public final class ImeiDetector implements Detector {
    /** Field names (normal form) that say the value is the device's hardware identity. */
    static final Set<String> FIELD_NAMES = Set.of(
            "imei", "imei1", "imei2", "imeisv", "deviceimei", "meid", "deviceid", "deviceidentifier",
            "hardwareid", "hwid", "phoneid", "telephonydeviceid", "imeino", "imeinumber", "uniqueid");

    /**
     * The reporting bodies that allocate type codes (the first two digits); 15-digit numbers with
     * another prefix are ids and counters, not IMEIs.
     */
    private static final Set<String> REPORTING_BODIES = Set.of(
            "01", "10", "30", "33", "35", "44", "45", "49", "50", "51", "52", "53", "54", "86", "91", "98", "99");

    @Override
    public String name() {
        return "imei";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        boolean leaf = context.leaf();
        if (!leaf) {
            return List.of();
        }
        NodeText text = NodeText.of(context);
        boolean named = isTellingName(context.fieldName());
        NodeText.Span whole = text.whole(64);
        if (!named) {
            if (whole != null && whole.text().length() == 15 && isImei(whole.text())
                    && REPORTING_BODIES.contains(whole.text().substring(0, 2))) {
                return List.of(Found.plain(name(), whole.text(), text, whole.start(), whole.end(), Confidence.MEDIUM));
            }
            return List.of();
        }
        return digitRuns(text);
    }

    static boolean isTellingName(String field) {
        return FIELD_NAMES.contains(field) || field.contains("imei");
    }

    /** Every 15-digit IMEI or 16-digit IMEISV that is a whole digit run in the value. */
    private List<Detection> digitRuns(NodeText text) {
        List<Detection> found = new ArrayList<>();
        String s = text.text();
        int i = 0;
        int limit = Math.min(s.length(), 4096); // a field named imei holds an id, not a document
        while (i < limit && found.size() < Found.MAX_PER_NODE) {
            if (!isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            // Past the limit, a run is followed only as far as it could still be an IMEI(SV): a MiB of
            // digits under a field named imei is no reason to read the MiB.
            while (i < s.length() && (i < limit || i - start <= 16) && isDigit(s.charAt(i))) {
                i++;
            }
            String run = s.substring(start, i);
            if (run.length() == 15 && isImei(run)) {
                found.add(Found.plain(name(), run, text, start, i, Confidence.HIGH));
            } else if (run.length() == 16 && !allSame(run) && REPORTING_BODIES.contains(run.substring(0, 2))) {
                String imei = run.substring(0, 14) + checkDigit(run.substring(0, 14));
                found.add(Found.of(name(), imei, text, start, i, "imeisv", Confidence.HIGH));
            }
        }
        return found;
    }

    /** 15 digits, a valid Luhn check digit, not one digit repeated. */
    static boolean isImei(String digits) {
        if (digits.length() != 15 || allSame(digits)) {
            return false;
        }
        for (int i = 0; i < 15; i++) {
            if (!isDigit(digits.charAt(i))) {
                return false;
            }
        }
        return checkDigit(digits.substring(0, 14)) == digits.charAt(14) - '0';
    }

    /** The Luhn check digit of a run of digits. */
    static int checkDigit(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    private static boolean allSame(String digits) {
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
