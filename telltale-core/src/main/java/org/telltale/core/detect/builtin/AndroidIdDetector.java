package org.telltale.core.detect.builtin;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * Android's per-app device id (Settings.Secure.ANDROID_ID): 16 hex digits. The shape alone is any
 * 64-bit id, so only a value under a telling field name counts (HIGH): an Android-id name, or a
 * device-id name ({@link IdFields}: "hwid", "device_id", "udid"), since 16 hex digits are what
 * Android SDKs send as the device id (Pushwoosh's hwid is the ANDROID_ID).
 */
public final class AndroidIdDetector implements Detector {
    /** Field names (normal form) that say the value is the Android id. */
    static final Set<String> FIELD_NAMES = Set.of(
            "androidid", "ssaid", "aid", "secureandroidid", "androiddeviceid", "xandroidid", "andid");

    @Override
    public String name() {
        return "android_id";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        boolean leaf = context.leaf();
        String field = context.fieldName();
        if (!leaf || !FIELD_NAMES.contains(field) && !IdFields.namesDevice(field)) {
            return List.of();
        }
        NodeText text = NodeText.of(context);
        NodeText.Span whole = text.whole(16);
        // Under a device name, sixteen decimal digits are the IMEISV the IMEI detector reports.
        if (whole == null || !isAndroidId(whole.text())
                || !FIELD_NAMES.contains(field) && whole.text().chars().allMatch(Character::isDigit)) {
            return List.of();
        }
        return List.of(Found.plain(name(), whole.text().toLowerCase(Locale.ROOT), text, whole.start(), whole.end(),
                Confidence.HIGH));
    }

    /** 16 hex digits, not one digit repeated (an unset id reads "0000000000000000"). */
    static boolean isAndroidId(String s) {
        if (s.length() != 16) {
            return false;
        }
        boolean varied = false;
        for (int i = 0; i < 16; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
            varied |= s.charAt(i) != s.charAt(0);
        }
        return varied;
    }
}
