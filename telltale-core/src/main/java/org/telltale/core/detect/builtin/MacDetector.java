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
 * A hardware (MAC) address of the device, its Wi-Fi or the access point it is on: six hex pairs.
 * HIGH under a telling field name (colons or dashes), MEDIUM for a value that is exactly a
 * colon-separated address; the placeholder addresses phones send instead of a real one are skipped.
 */
public final class MacDetector implements Detector {
    /** Field names (normal form) that say the value is a hardware address. */
    static final Set<String> FIELD_NAMES = Set.of(
            "mac", "macaddress", "macaddr", "wifimac", "wlanmac", "btmac", "bluetoothmac", "bluetoothaddress",
            "bssid", "wifibssid", "apmac", "routermac", "devicemac", "ethmac", "ethernetmac", "hwaddr", "hwaddress");

    /** Unset, broadcast, and Android's fixed answer to apps that may not read the real address. */
    private static final Set<String> PLACEHOLDERS = Set.of(
            "00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "02:00:00:00:00:00");

    @Override
    public String name() {
        return "mac";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        boolean leaf = context.leaf();
        if (!leaf) {
            return List.of();
        }
        NodeText text = NodeText.of(context);
        NodeText.Span whole = text.whole(17);
        if (whole == null || whole.text().length() != 17) {
            return List.of();
        }
        String s = whole.text();
        char separator = s.charAt(2);
        boolean named = FIELD_NAMES.contains(context.fieldName());
        if (!isMac(s, separator) || separator == '-' && !named) {
            return List.of();
        }
        String value = s.toLowerCase(Locale.ROOT).replace('-', ':');
        if (PLACEHOLDERS.contains(value)) {
            return List.of();
        }
        return List.of(Found.plain(name(), value, text, whole.start(), whole.end(),
                named ? Confidence.HIGH : Confidence.MEDIUM));
    }

    /** Six pairs of hex digits joined by one separator, ':' or '-'. */
    static boolean isMac(String s, char separator) {
        if (s.length() != 17 || separator != ':' && separator != '-') {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            if (i % 3 == 2 ? c != separator : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
