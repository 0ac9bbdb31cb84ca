package org.telltale.api;

import java.util.Locale;

/** What kind of value a canary is; decides which spellings of it are looked for. */
public enum CanaryType {
    URL, SEARCH, TEXT, PATH, EMAIL, PHONE, IMEI, ANDROID_ID, ADVERTISING_ID, MAC;

    /** The name used in canary files and JSON output ("android_id"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a name as written in a canary file, or throws IllegalArgumentException naming the choices. */
    public static CanaryType parse(String s) {
        for (CanaryType t : values()) {
            if (t.id().equalsIgnoreCase(s.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown canary type '" + s + "' (one of url, search, text, path, "
                + "email, phone, imei, android_id, advertising_id, mac)");
    }
}
