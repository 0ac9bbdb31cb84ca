package org.telltale.core.cross;

import java.util.Locale;
import java.util.Set;

import org.telltale.api.CanaryType;

/**
 * Which finding kinds name an identifier of the device or its user, the ones a run learns and then
 * looks for in every other request. The single place that says so for the cross-exchange stage: when
 * the kinds table of the API (DataKinds, family "identifier") lands, {@link #isIdentifier} reads it.
 */
public final class IdentifierKinds {
    /** The identifier family of the agreed kind names (imei ... serial_number). */
    private static final Set<String> IDENTIFIERS = Set.of(
            "imei", "android_id", "advertising_id", "mac", "email", "phone",
            "device_id", "installation_id", "user_id", "session_id", "browser_id", "cookie_id", "push_token",
            "oaid", "vaid", "aaid", "imsi", "iccid", "serial_number");

    private IdentifierKinds() {
    }

    /** Whether findings of this kind name an identifier. */
    public static boolean isIdentifier(String kind) {
        return kind != null && IDENTIFIERS.contains(kind);
    }

    /**
     * The canary type whose spellings fit an identifier of this kind (an IMEI's digits, a MAC's
     * separators, an advertising ID's dashes), or null when the generic spellings fit.
     */
    public static CanaryType spelledAs(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "imei" -> CanaryType.IMEI;
            case "android_id" -> CanaryType.ANDROID_ID;
            case "advertising_id", "aaid", "oaid", "vaid" -> CanaryType.ADVERTISING_ID;
            case "mac" -> CanaryType.MAC;
            case "email" -> CanaryType.EMAIL;
            case "phone" -> CanaryType.PHONE;
            default -> null;
        };
    }
}
