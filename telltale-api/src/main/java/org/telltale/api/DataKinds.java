package org.telltale.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every kind of personal data Telltale names (a detector's kind or a canary type), in one table: the
 * family it belongs to, so reports can order and summarise findings, and the words a person reads for
 * it. A kind the table does not know (a plug-in detector, a new canary type) is an identifier read as
 * its own name with the underscores dropped: reports rather over-state an unknown kind than hide it.
 */
public final class DataKinds {
    /** What a kind of data tells about the user, most severe first. */
    public enum Family {
        /** A value that singles out the device, the user or the account. */
        IDENTIFIER,
        /** A secret that opens the account. */
        CREDENTIAL,
        /** Which app sent it, or which apps are installed. */
        APP,
        /** What the user did or where they were: pages, searches, screens, files, places. */
        ACTIVITY,
        /** What the device is and how it is set up; alone it rarely names anyone, together it fingerprints. */
        PROFILE;

        /** The family's name as JSON and reports write it ("identifier"). */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One kind.
     *
     * @param kind   the kind as detections and canaries write it ("advertising_id")
     * @param family what it tells
     * @param words  the kind as a person reads it ("advertising ID")
     */
    public record Kind(String kind, Family family, String words) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        identifier("imei", "IMEI");
        identifier("android_id", "Android ID");
        identifier("advertising_id", "advertising ID");
        identifier("mac", "MAC address");
        identifier("email", "e-mail address");
        identifier("phone", "phone number");
        identifier("device_id", "device ID");
        identifier("installation_id", "installation ID");
        identifier("user_id", "user ID");
        identifier("session_id", "session ID");
        identifier("browser_id", "browser ID");
        identifier("cookie_id", "cookie ID");
        identifier("push_token", "push token");
        identifier("oaid", "OAID");
        identifier("vaid", "VAID");
        identifier("aaid", "AAID");
        identifier("imsi", "IMSI");
        identifier("iccid", "ICCID");
        identifier("serial_number", "serial number");
        identifier("shared_id", "ID shared among companies");
        add("http_credentials", Family.CREDENTIAL, "HTTP credentials");
        add("ntlm_user", Family.CREDENTIAL, "NTLM user name");
        add("ntlm_workstation", Family.CREDENTIAL, "NTLM workstation name");
        add("password", Family.CREDENTIAL, "password");
        add("app_id", Family.APP, "app ID");
        add("installed_apps", Family.APP, "installed apps");
        add("browsing_history", Family.ACTIVITY, "browsing history");
        add("search", Family.ACTIVITY, "search");
        add("screen", Family.ACTIVITY, "screen");
        add("file_path", Family.ACTIVITY, "file path");
        add("geo", Family.ACTIVITY, "location");
        // Canary types that name no detector (CanaryType URL, PATH, TEXT).
        add("url", Family.ACTIVITY, "URL");
        add("path", Family.ACTIVITY, "path");
        identifier("text", "text");
        profile("device_model", "device model");
        profile("os_version", "OS version");
        profile("build_fingerprint", "build fingerprint");
        profile("carrier", "carrier");
        profile("mcc_mnc", "mobile network code");
        profile("network_type", "network type");
        profile("ip_address", "IP address");
        profile("time_zone", "time zone");
        profile("language", "language");
        profile("country", "country");
        profile("screen_size", "screen size");
        profile("memory", "memory");
        profile("disk", "disk");
        profile("battery", "battery");
        profile("device_integrity", "rooted or emulator");
    }

    private DataKinds() {
    }

    private static void identifier(String kind, String words) {
        add(kind, Family.IDENTIFIER, words);
    }

    private static void profile(String kind, String words) {
        add(kind, Family.PROFILE, words);
    }

    private static void add(String kind, Family family, String words) {
        KINDS.put(kind, new Kind(kind, family, words));
    }

    /** The kind, or for one the table does not know an identifier named by its own words. */
    public static Kind of(String kind) {
        Kind known = kind == null ? null : KINDS.get(kind.toLowerCase(java.util.Locale.ROOT));
        if (known != null) {
            return known;
        }
        String name = kind == null ? "" : kind;
        return new Kind(name, Family.IDENTIFIER, name.replace('_', ' ').replace('-', ' '));
    }

    /** The family of a kind (identifier for one the table does not know). */
    public static Family family(String kind) {
        return of(kind).family();
    }

    /** The kind as a person reads it: "advertising_id" reads "advertising ID". */
    public static String words(String kind) {
        return of(kind).words();
    }

    /** Whether the kind describes the device rather than singling out its user. */
    public static boolean isProfile(String kind) {
        return family(kind) == Family.PROFILE;
    }

    /** Orders kinds by severity, most severe family first: negative when a is more severe than b. */
    public static int bySeverity(String a, String b) {
        return Integer.compare(family(a).ordinal(), family(b).ordinal());
    }

    /** Every kind the table knows, in the table's order (families together, most severe first). */
    public static Map<String, Kind> known() {
        return java.util.Collections.unmodifiableMap(KINDS);
    }
}
