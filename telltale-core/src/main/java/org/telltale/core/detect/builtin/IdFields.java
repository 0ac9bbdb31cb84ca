package org.telltale.core.detect.builtin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a field name says its value identifies, across the SDKs and languages that name these
 * fields (Firebase, Adjust, AppsFlyer, Mixpanel, Segment, Google Analytics, Umeng, Baidu, the MSA
 * alliance's OAID SDK, push services, web session frameworks), in the normal form of
 * {@link org.telltale.core.detect.FieldNames}. One table for the identifier detectors and the
 * Android id detector, so a value is judged by one reading of its name.
 *
 * <p>A name is either specific ("device_id": any id shape counts, HIGH) or ambiguous ("cid",
 * "guid", "sid": also a campaign, content or service id, so only a random-looking shape counts,
 * MEDIUM). Compound names are read by their ending: "cUserId", "X-Playback-Session-Id" and
 * "fb_device_id" end in a known name.
 */
final class IdFields {
    /** What the value identifies, and the kind a finding of it gets. */
    enum Role {
        DEVICE("device_id"), INSTALLATION("installation_id"), USER("user_id"), SESSION("session_id"),
        BROWSER("browser_id"), COOKIE("cookie_id"), PUSH("push_token"), OAID("oaid"), VAID("vaid"), AAID("aaid"),
        IMSI("imsi"), ICCID("iccid"), SERIAL("serial_number");

        final String kind;

        Role(String kind) {
            this.kind = kind;
        }
    }

    /**
     * A field's reading.
     *
     * @param role     what the value identifies
     * @param specific whether the name says so on its own; false for names that also mean other things
     */
    record Reading(Role role, boolean specific) {
    }

    private static final Map<String, Reading> EXACT = new HashMap<>();
    /** Endings of compound names, longest first so "installationid" wins over "id" endings. */
    private static final List<Map.Entry<String, Role>> ENDINGS = List.of(
            Map.entry("installationid", Role.INSTALLATION), Map.entry("appinstanceid", Role.INSTALLATION),
            Map.entry("installid", Role.INSTALLATION), Map.entry("deviceuuid", Role.DEVICE),
            Map.entry("deviceguid", Role.DEVICE), Map.entry("deviceid", Role.DEVICE),
            Map.entry("userid", Role.USER), Map.entry("useruuid", Role.USER), Map.entry("anonymousid", Role.USER),
            Map.entry("distinctid", Role.USER), Map.entry("customerid", Role.USER), Map.entry("memberid", Role.USER),
            Map.entry("accountid", Role.USER), Map.entry("sessionid", Role.SESSION),
            Map.entry("visitorid", Role.BROWSER), Map.entry("browserid", Role.BROWSER),
            Map.entry("pushtoken", Role.PUSH), Map.entry("devicetoken", Role.PUSH), Map.entry("fcmtoken", Role.PUSH),
            Map.entry("gcmtoken", Role.PUSH), Map.entry("apnstoken", Role.PUSH), Map.entry("registrationid", Role.PUSH),
            Map.entry("serialnumber", Role.SERIAL));

    static {
        specific(Role.DEVICE, "did", "udid", "hwid", "hardwareid", "devid", "deviceidentifier",
                "uniquedeviceid", "cuid", "utdid", "openudid", "deviceuid", "deviceuniqueid", "adid", "idfv",
                "identifierforvendor");
        ambiguous(Role.DEVICE, "uuid", "guid", "uniqueid");
        specific(Role.INSTALLATION, "iid", "instanceid", "installuuid", "appinstallid", "firebaseinstanceid", "fid");
        specific(Role.USER, "uid", "anonid", "anonymousid", "distinctid", "identityid", "puid", "externalid",
                "xuid", "ajsuserid", "ajsanonymousid");
        specific(Role.SESSION, "sessid", "jsessionid", "phpsessid", "aspnetsessionid", "sessiontoken", "sessionkey");
        ambiguous(Role.SESSION, "sid", "session");
        specific(Role.BROWSER, "clientid", "webid", "browserid");
        ambiguous(Role.BROWSER, "cid");
        specific(Role.PUSH, "pushid", "regid", "gcmregid", "pushregid", "xgtoken", "jpushregid");
        specific(Role.OAID, "oaid", "msaoaid");
        specific(Role.VAID, "vaid");
        specific(Role.AAID, "aaid");
        specific(Role.IMSI, "imsi", "subscriberid", "imsi1", "imsi2");
        specific(Role.ICCID, "iccid", "simserial", "simserialnumber", "iccid1", "iccid2");
        specific(Role.SERIAL, "serial", "serialno", "deviceserial", "hardwareserial", "buildserial", "androidserial");
        ambiguous(Role.SERIAL, "sn");
    }

    private IdFields() {
    }

    /** How this normal-form field name reads, or null when it names no identifier. */
    static Reading read(String field) {
        Reading exact = EXACT.get(field);
        if (exact != null || field.isEmpty()) {
            return exact;
        }
        for (Map.Entry<String, Role> e : ENDINGS) {
            if (field.endsWith(e.getKey())) {
                return new Reading(e.getValue(), true);
            }
        }
        return null;
    }

    /** Whether the name says the value identifies the device (so 16 hex digits there are the Android id). */
    static boolean namesDevice(String field) {
        Reading r = read(field);
        return r != null && r.role() == Role.DEVICE && r.specific();
    }

    private static void specific(Role role, String... names) {
        for (String n : names) {
            EXACT.put(n, new Reading(role, true));
        }
    }

    private static void ambiguous(Role role, String... names) {
        for (String n : names) {
            EXACT.put(n, new Reading(role, false));
        }
    }
}
