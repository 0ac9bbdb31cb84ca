package org.telltale.core.detect.builtin;

import java.util.List;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * A phone number under a telling field name: 7 to 15 digits (the E.164 maximum), an optional
 * leading "+", and the spaces, dashes, dots and brackets people write between them (HIGH). A
 * number alone is never reported: too many counters look like one.
 */
public final class PhoneDetector implements Detector {
    /** Field names (normal form) that say the value is a phone number. */
    static final Set<String> FIELD_NAMES = Set.of(
            "phone", "phonenumber", "phoneno", "phonenum", "mobile", "mobileno", "mobilenumber", "mobilephone",
            "msisdn", "tel", "telephone", "telephonenumber", "cellphone", "cellnumber", "cellphonenumber",
            "userphone", "contactphone", "linenumber", "phone1");

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        boolean leaf = context.leaf();
        if (!leaf || !FIELD_NAMES.contains(context.fieldName())) {
            return List.of();
        }
        NodeText text = NodeText.of(context);
        NodeText.Span whole = text.whole(32);
        if (whole == null) {
            return List.of();
        }
        String value = normalised(whole.text());
        if (value == null) {
            return List.of();
        }
        return List.of(Found.plain(name(), value, text, whole.start(), whole.end(), Confidence.HIGH));
    }

    /** The digits with their leading "+", or null when this is not a plausible phone number. */
    static String normalised(String s) {
        StringBuilder digits = new StringBuilder(16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && i == 0) {
                digits.append(c);
            } else if (" -.()/".indexOf(c) < 0) {
                return null;
            }
        }
        int count = digits.length() - (digits.length() > 0 && digits.charAt(0) == '+' ? 1 : 0);
        if (count < 7 || count > 15) {
            return null;
        }
        String d = digits.toString().replace("+", "");
        if (d.chars().distinct().count() < 3) {
            return null; // 0000000 or 1111111: a placeholder
        }
        return digits.toString();
    }
}
