package org.telltale.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one table of kinds: every agreed kind in its family, words for people, a default for the unknown. */
class DataKindsTest {
    /** The kind names agreed for issue 11, written out here rather than read from the table. */
    private static final List<String> AGREED = List.of(
            "imei", "android_id", "advertising_id", "mac", "email", "phone", "geo", "file_path", "screen",
            "browsing_history", "search", "device_id", "installation_id", "user_id", "session_id", "browser_id",
            "cookie_id", "push_token", "oaid", "vaid", "aaid", "imsi", "iccid", "serial_number", "app_id",
            "installed_apps", "http_credentials", "ntlm_user", "ntlm_workstation", "password", "device_model",
            "os_version", "build_fingerprint", "carrier", "mcc_mnc", "network_type", "ip_address", "time_zone",
            "language", "country", "screen_size", "memory", "disk", "battery", "device_integrity");

    @Test
    void everyAgreedKindIsInTheTable() {
        assertThat(DataKinds.known().keySet()).containsAll(AGREED);
    }

    @ParameterizedTest
    @CsvSource({
            "imei, identifier", "serial_number, identifier", "email, identifier", "password, credential",
            "ntlm_user, credential", "installed_apps, app", "app_id, app", "browsing_history, activity", "geo, activity",
            "screen, activity", "device_model, profile", "ip_address, profile", "device_integrity, profile"})
    void eachKindIsInItsFamily(String kind, String family) {
        assertThat(DataKinds.family(kind).key()).isEqualTo(family);
    }

    @Test
    void profileIsTheLeastSevereFamilyAndIdentifiersTheMost() {
        assertThat(DataKinds.bySeverity("device_model", "advertising_id")).isPositive();
        assertThat(DataKinds.bySeverity("advertising_id", "browsing_history")).isNegative();
        assertThat(DataKinds.bySeverity("browsing_history", "time_zone")).isNegative();
        assertThat(DataKinds.bySeverity("carrier", "time_zone")).isZero();
    }

    @Test
    void kindsReadAsWords() {
        assertThat(DataKinds.words("advertising_id")).isEqualTo("advertising ID");
        assertThat(DataKinds.words("os_version")).isEqualTo("OS version");
        assertThat(DataKinds.words("ADVERTISING_ID")).isEqualTo("advertising ID"); // a canary type's enum name
    }

    @Test
    void anUnknownKindIsAnIdentifierNamedByItsOwnWords() {
        assertThat(DataKinds.family("loyalty_card-number")).isEqualTo(DataKinds.Family.IDENTIFIER);
        assertThat(DataKinds.words("loyalty_card-number")).isEqualTo("loyalty card number");
        assertThat(DataKinds.isProfile("loyalty_card")).isFalse();
    }
}
