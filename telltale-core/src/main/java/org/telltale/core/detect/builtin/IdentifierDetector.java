package org.telltale.core.detect.builtin;

import java.util.List;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.Location;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.FieldNames;
import org.telltale.core.detect.NodeText;

/**
 * Device, installation, user, session and browser ids, push tokens, the MSA alliance's OAID, VAID
 * and AAID, serial numbers, IMSI and ICCID: a value is reported when its field name says it is
 * one of these ({@link IdFields}) and its shape is one an id has ({@link IdShape}); neither alone
 * is enough. A specific name with a fitting shape is HIGH; an ambiguous name ("cid", "sid",
 * "guid") needs a random-looking shape and is MEDIUM.
 *
 * <p>Values the older detectors name more precisely are left to them, so one value is not
 * reported twice under two kinds: a UUID under an advertising-id name ("aid", "gaid", "idfa") is
 * the advertising id, 16 hex digits under an Android-id or device name are the Android id, and a
 * 15-digit Luhn number under a device name is the IMEI.
 */
public final class IdentifierDetector implements Detector {
    @Override
    public String name() {
        return "identifier";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        Location location = context.node().location();
        boolean cookie = location.kind() == Location.Kind.COOKIE;
        String field = context.fieldName();
        // A cookie is judged by its whole value under its own name, as sent or percent-decoded; what
        // was decoded from it otherwise only when it carries a name of its own (a JSON field inside).
        boolean wholeCookie = cookie && context.node().path().stream().allMatch(step -> "percent".equals(step.label()));
        if (cookie && !wholeCookie && field.equals(FieldNames.normalise(location.name()))
                || !wholeCookie && !context.leaf()) {
            return List.of();
        }
        IdFields.Reading reading = IdFields.read(field);
        if (reading == null && wholeCookie && IdCookies.namesAnId(field)) {
            reading = new IdFields.Reading(IdFields.Role.COOKIE, true);
        }
        if (reading == null) {
            return List.of();
        }
        NodeText text = NodeText.of(context);
        NodeText.Span whole = unquoted(text.whole(IdShape.MAX_LENGTH + 2));
        if (whole == null) {
            return List.of();
        }
        String value = whole.text();
        Confidence confidence = judge(field, reading, value);
        if (confidence == null) {
            return List.of();
        }
        // A cookie under a browser name or a vague one ("uuid") is the browser's id cookie.
        String kind = cookie && (reading.role() == IdFields.Role.BROWSER || !reading.specific())
                ? IdFields.Role.COOKIE.kind : reading.role().kind;
        return List.of(Found.plain(kind, value, text, whole.start(), whole.end(), confidence));
    }

    /** The value inside double quotes, as cookies and some headers send it. */
    private static NodeText.Span unquoted(NodeText.Span span) {
        if (span == null || span.text().length() < 2 || span.text().charAt(0) != '"'
                || span.text().charAt(span.text().length() - 1) != '"') {
            return span;
        }
        return new NodeText.Span(span.start() + 1, span.end() - 1, span.text().substring(1, span.text().length() - 1));
    }

    /** How sure a value under this name is the id the name says; null when it is not one. */
    static Confidence judge(String field, IdFields.Reading reading, String value) {
        return switch (reading.role()) {
            case IMSI -> isImsi(value) ? Confidence.HIGH : null;
            case ICCID -> isIccid(value) ? Confidence.HIGH : null;
            case SERIAL -> isSerial(value, reading.specific()) ? confidence(reading) : null;
            default -> {
                IdShape shape = IdShape.of(value);
                if (shape == IdShape.NONE || !reading.specific() && !shape.strong() && !gaClientId(field, shape, value)
                        || namedMorePrecisely(field, reading, shape, value)) {
                    yield null;
                }
                yield confidence(reading);
            }
        };
    }

    private static Confidence confidence(IdFields.Reading reading) {
        return reading.specific() ? Confidence.HIGH : Confidence.MEDIUM;
    }

    /** Google Analytics' client id as sent in "cid": random number, dot, first-visit seconds. */
    private static boolean gaClientId(String field, IdShape shape, String value) {
        return shape == IdShape.DIGIT_GROUPS && field.equals("cid") && value.indexOf('.') > 0 && value.indexOf('-') < 0;
    }

    /** What the Android id, advertising id and IMEI detectors report under the same name. */
    private static boolean namedMorePrecisely(String field, IdFields.Reading reading, IdShape shape, String value) {
        if (shape == IdShape.UUID && AdvertisingIdDetector.FIELD_NAMES.contains(field)) {
            return true;
        }
        if (shape == IdShape.HEX16 && (AndroidIdDetector.FIELD_NAMES.contains(field) || IdFields.namesDevice(field))) {
            return true;
        }
        return reading.role() == IdFields.Role.DEVICE && shape == IdShape.NUMBER
                && (value.length() == 15 && ImeiDetector.isImei(value) || value.length() == 16 && ImeiDetector.isTellingName(field));
    }

    /**
     * 15 digits starting with a mobile country code: 2xx Europe, 3xx North America, 4xx Asia, 5xx
     * Oceania, 6xx Africa, 7xx South America (ITU-T E.212 zones; unassigned codes inside a zone are
     * let through, the name already says the value is an IMSI).
     */
    static boolean isImsi(String s) {
        return s.length() == 15 && allDigits(s) && s.charAt(0) >= '2' && s.charAt(0) <= '7' && !IdShape.allSame(s);
    }

    /** 19 or 20 digits, the telecom prefix 89, a valid Luhn check digit (ITU-T E.118). */
    static boolean isIccid(String s) {
        return (s.length() == 19 || s.length() == 20) && allDigits(s) && s.startsWith("89")
                && ImeiDetector.checkDigit(s.substring(0, s.length() - 1)) == s.charAt(s.length() - 1) - '0';
    }

    /**
     * A hardware serial: 6 to 32 letters and digits, both present ("R58M12ABCDE"), so neither
     * "unknown" (what Android answers apps that may not read it) nor a counter or a zone serial
     * ("2015020201") counts. Under the ambiguous "sn" (also a sequence number) at least 8 long.
     */
    static boolean isSerial(String s, boolean specific) {
        int n = s.length();
        if (n < (specific ? 6 : 8) || n > 32 || IdShape.allSame(s)) {
            return false;
        }
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            digit |= c >= '0' && c <= '9';
            letter |= c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return digit && letter;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
