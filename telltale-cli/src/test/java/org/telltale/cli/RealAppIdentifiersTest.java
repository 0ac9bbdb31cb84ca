package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real app captures from nDPI's test set, analysed with no canary file: the identifiers, app
 * names and credentials the built-in detectors report, exactly, each judged by hand. The core
 * module cannot read packet captures, so this lives where the whole command runs.
 */
class RealAppIdentifiersTest {
    /** The kinds of the identifier, app and credential detectors, the Android and advertising id included. */
    static final Set<String> KINDS = Set.of("device_id", "installation_id", "user_id", "session_id", "browser_id",
            "cookie_id", "push_token", "oaid", "vaid", "aaid", "imsi", "iccid", "serial_number", "app_id",
            "installed_apps", "http_credentials", "ntlm_user", "ntlm_workstation", "password", "android_id",
            "advertising_id");

    /** The real captures, kept once beside the pcap reader's own tests. */
    private static final Path PCAPS = Path.of("../telltale-formats/src/test/resources/pcap");

    @TempDir
    Path dir;

    /** Every (kind, value, host) of those kinds the analysis reports, once each. */
    private Set<String> findings(String capture) throws Exception {
        Path file = PCAPS.resolve(capture);
        Path out = dir.resolve(capture + ".json");
        CliRun run = CliRun.of("analyze", file.toString(), "--format", "json", "--output", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        Set<String> found = new TreeSet<>();
        for (JsonNode f : r.get("findings")) {
            if (KINDS.contains(f.get("kind").asText())) {
                String host = r.get("flows").get(f.get("flow").asInt()).get("host").asText();
                found.add(f.get("kind").asText() + " " + f.get("value").asText() + " " + host);
            }
        }
        return found;
    }

    @Test
    void webexPushRegistrationSendsTheAndroidIdThePushTokenAndTheAppsPackage() throws Exception {
        assertThat(findings("webex.pcap")).containsExactlyInAnyOrder(
                // Pushwoosh's hwid is Settings.Secure.ANDROID_ID (16 hex digits), sent in both requests.
                "android_id a375db57ef62d1c5 cp.pushwoosh.com",
                // A GCM registration token (APA91b...), which lets Pushwoosh reach this phone.
                "push_token APA91bHUHQqDA1_T9iDHsThB4W5RvAhYkzahCkuoEaluAW91bnYtQyKN-EvZICpkghRb282DH6Io151cSpP5Phx0NALgctvXr69_"
                        + "cAwsHDJMmOvTrB619pAuI_T7HMDxF2StXVi_1eCkMY89sanHhxgdwtGr_wg1nw cp.pushwoosh.com",
                // The app registering is Haaretz's.
                "app_id com.haaretz cp.pushwoosh.com");
        // Not found, rightly: "application":"3624D-2BB40" is Pushwoosh's code for the app, not a package.
    }

    @Test
    void ocsSendsAHashedDeviceIdToCapptain() throws Exception {
        assertThat(findings("ocs.pcap")).containsExactly(
                // 32 hex digits under deviceid: Capptain's device id (an MD5); appid=ocs000003 is the app's key.
                "device_id f2c993d6218f5e22fe284b2e90c82f3b api.eu01.capptain.com");
        // Missed: the X-LGY-HSSA header's UUID-like value may be a device id, but its name says nothing.
    }

    @Test
    void starcraftLauncherSendsGoogleAnalyticsItsClientAndUserId() throws Exception {
        assertThat(findings("starcraft_battle.pcap")).containsExactlyInAnyOrder(
                // GA measurement protocol: cid is the install's random client id, uid the Battle.net account's id.
                "browser_id 78AA863F-3983-4928-A884-3CF479D4E86B www.google-analytics.com",
                "user_id 124067228 www.google-analytics.com");
    }

    @Test
    void quickplayAndXiaomiAccountSendUserIds() throws Exception {
        assertThat(findings("quickplay.pcap")).containsExactlyInAnyOrder(
                // Xiaomi's account API: the (encrypted) user id in the query and the cUserId cookie.
                "user_id Mz5Xr5UXKuw83hxd6Yms2w== api.account.xiaomi.com",
                "user_id RneS48n-dY_Ve2YJSsV-qtELo8o api.account.xiaomi.com",
                // The video service's user id is the subscriber's mobile number.
                "user_id 09154974536 play-singtelhawk.quickplay.com");
        // Not found, rightly: appId=5006 and carrierId=23 are not packages or people; serviceToken is a
        // credential of a kind this detector does not name.
    }

    @Test
    void alexaAppWebViewSendsAmazonsSessionAndBrowserCookiesAndItsPackage() throws Exception {
        assertThat(findings("alexa-app.pcapng")).containsExactlyInAnyOrder(
                // Android's WebView names the app in X-Requested-With.
                "app_id com.amazon.dee.app alexa.amazon.com",
                // ... also to Amazon's image host, on the page's image requests.
                "app_id com.amazon.dee.app ecx.images-amazon.com",
                // Amazon's session-id and session-token cookies, and ubid-main, its browser id.
                "session_id 154-3103265-2932516 alexa.amazon.com",
                "cookie_id 152-8763505-7304904 alexa.amazon.com",
                // The session-token cookie (quoted), Amazon's signed session credential.
                "session_id " + "7KHh5TjS5kJElrNKp7iQYVdF7SUraUzC7ZjYX8Sho1ymqYhjw4IMGQO5A8cpuM+rKFrMU6kucRZpP8RozyshCETVvP"
                        + "HaeGK0WJOKimg2reE2oFk39xIzesQqhxa94Va5Zn8X2sQ903jOl6RYeYZ0/eBX8duZhaTMTMiFM/xWlKCfdwP51xX8"
                        + "EFcFq269pZZDxazMIRgo45Q=" + " alexa.amazon.com",
                "session_id " + "eftFmY5F5rTgws7n+eCdXZSTyHcDykNl3M1pco3RVKjyn7yntOkJ6LLEyD5Dxkun2rZAwyiQUNPJqVm8oGXNqHmff1"
                        + "pN9YIkL/iTC/WB65x79EaHY7P7BL1fRKeHX3pHW8em7HRzCvdpauYksWFYO0NMeVrPz1cXeZHzWrz38f7qFXl91qhH"
                        + "YvTgtuJWklFTdZgiltMbc/o=" + " alexa.amazon.com");
        // Not found, rightly: x-main has '?' and '@' in it (no id shape) and csrf is a short number.
    }

    @Test
    void netflixIosAppSendsItsPlaybackSessionAndMemberClientCookie() throws Exception {
        assertThat(findings("netflix.pcap")).containsExactlyInAnyOrder(
                // One playback session's UUID in the X-Playback-Session-Id header, to three video servers.
                "session_id 43DDAFB9-FE2F-4C6E-9B91-AB0DC46487A1 23.246.11.133",
                "session_id 43DDAFB9-FE2F-4C6E-9B91-AB0DC46487A1 23.246.11.141",
                "session_id 43DDAFB9-FE2F-4C6E-9B91-AB0DC46487A1 23.246.3.140",
                // memclid: Netflix's member client id cookie, a UUID; nfvdid, its visitor device id cookie
                // (sent percent-encoded, reported decoded).
                "cookie_id 701ad312-4801-47e7-ac00-cb37ae2f4aff api-global.netflix.com",
                "cookie_id BQFmAAEBEJX/8AhtyKlTbrktMHTIdHNAXmBM0ZnPF642penGTHOit3x9rU0pLm0KK7d8moByd1Q9oEsaQOU05y1/"
                        + "OTQYdO86UT1YVUNLjqUDuXE6Ws3U7Q== api-global.netflix.com");
    }

    @Test
    void startAppAdSdkSendsItsSessionIds() throws Exception {
        assertThat(findings("http_ua_splitted_in_two_pkts.pcapng")).containsExactlyInAnyOrder(
                // The SDK's clientSessionId (a UUID in the query) and the ad server's JSESSIONID cookies.
                "session_id 8cd5c53b-cba8-4d4e-a799-082b67ec4491 va.origin.startappservice.com",
                "session_id 022C8528F32A900FBEB9E3DB7642C7D6 va.origin.startappservice.com",
                "session_id 3379D78B68A20CF77EC3988EBC2ECAA6 va.origin.startappservice.com",
                "session_id 3E6B823E8EE86DB2D5CE9C6601515499 va.origin.startappservice.com",
                "session_id 72125129E202699173DB1D007DE1ABDF va.origin.startappservice.com",
                "session_id 784F27AF20E357C1D6B456D33B247A0B va.origin.startappservice.com",
                "session_id A17D92AAA15A1A1AB51CCB08AAB69918 va.origin.startappservice.com",
                "session_id B7A831294995C0DEA5FD0E715853FAB4 va.origin.startappservice.com",
                "session_id DB9F94F10B1AF0AFB3BF8482CC3CF4CF va.origin.startappservice.com");
        // Not found, rightly: cid in the landing URLs is a campaign id ("206568151", "Fq97aBrOTyWAb4cKo3eKgQ"),
        // which an ambiguous name with no random-looking shape does not make an id. Missed: the XOR-scrambled
        // "d" parameter, which may hold device data no decoder opens.
    }
}
