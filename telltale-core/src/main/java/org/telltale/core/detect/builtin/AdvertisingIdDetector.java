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
 * The advertising id (Google's GAID/AAID, Apple's IDFA): a UUID under a telling field name (HIGH).
 * A bare UUID is not reported: UUIDs name everything from sessions to requests. Under "aid" the
 * shape decides: a UUID is the advertising id, 16 hex digits the Android id (AndroidIdDetector).
 * The OAID of China's MSA alliance is its own kind (IdentifierDetector).
 */
public final class AdvertisingIdDetector implements Detector {
    /** Field names (normal form) that say the value is the advertising id. */
    static final Set<String> FIELD_NAMES = Set.of(
            "gaid", "aaid", "adid", "adsid", "advertisingid", "advertiserid", "advertisingidentifier", "idfa", "ifa",
            "googleadid", "googleadvertisingid", "googleaid", "gpsadid", "aid", "maid", "rdid",
            "deviceadid", "mobileadid", "androidadvertisingid", "appleadvertisingid", "adtrackingid", "adidentifier");

    /** The id a device sends when the user limited ad tracking: no one in particular. */
    private static final String ZERO_UUID = "00000000-0000-0000-0000-000000000000";

    @Override
    public String name() {
        return "advertising_id";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        boolean leaf = context.leaf();
        if (!leaf || !FIELD_NAMES.contains(context.fieldName())) {
            return List.of();
        }
        NodeText text = NodeText.of(context);
        NodeText.Span whole = text.whole(36);
        if (whole == null || !isUuid(whole.text())) {
            return List.of();
        }
        String value = whole.text().toLowerCase(Locale.ROOT);
        if (value.equals(ZERO_UUID)) {
            return List.of();
        }
        return List.of(Found.plain(name(), value, text, whole.start(), whole.end(), Confidence.HIGH));
    }

    /** 8-4-4-4-12 hex digits. */
    static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
