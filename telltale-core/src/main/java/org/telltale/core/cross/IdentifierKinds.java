package org.telltale.core.cross;

import java.util.Locale;

import org.telltale.api.CanaryType;
import org.telltale.api.DataKinds;

/**
 * Which finding kinds name an identifier of the device or its user, the ones a run learns and then
 * looks for in every other request: the kinds the API's table ({@link DataKinds}) knows as the
 * identifier family. A kind the table does not know (a plug-in's) is not learned, though the table
 * words it as an identifier, since nobody said its values are stable identifiers.
 */
public final class IdentifierKinds {
    private IdentifierKinds() {
    }

    /** Whether findings of this kind name an identifier. */
    public static boolean isIdentifier(String kind) {
        return kind != null && DataKinds.known().containsKey(kind) && DataKinds.family(kind) == DataKinds.Family.IDENTIFIER;
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
