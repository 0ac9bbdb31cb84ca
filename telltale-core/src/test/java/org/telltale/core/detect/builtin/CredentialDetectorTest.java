package org.telltale.core.detect.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Payload;
import org.telltale.core.detect.NodeView;

/** Credentials in Authorization headers and password fields. */
class CredentialDetectorTest {
    /**
     * The NTLM type 3 message of Eric Glass's "The NTLM Authentication Protocol and Security Support
     * Provider" (davenport.sourceforge.net/ntlm.html, section "Type 3 Message"): domain "DOMAIN",
     * user "user", workstation "WORKSTATION", Unicode.
     */
    static final String DAVENPORT_TYPE_3 = "TlRMTVNTUAADAAAAGAAYAGoAAAAYABgAggAAAAwADABAAAAACAAIAEwAAAAWABYAVAAAAAAAAACaAAAA"
            + "AQIAAEQATwBNAEEASQBOAHUAcwBlAHIAVwBPAFIASwBTAFQAQQBUAEkATwBOAMM3zVy9RPyXgqZnr21CfG3mfCDC0+d8ViWpjBwx6BhH"
            + "Rmspst9GgPOZWPuMITqcxg==";
    /** The type 1 message of the same page: it names the workstation but no user, and is not reported. */
    static final String DAVENPORT_TYPE_1 = "TlRMTVNTUAABAAAABzIAAAYABgArAAAACwALACAAAABXT1JLU1RBVElPTkRPTUFJTg==";

    private final CredentialDetector detector = new CredentialDetector();

    private List<Detection> detect(Payload node) {
        return detector.detect(NodeView.of(node, true, "intranet.example", null));
    }

    @Test
    void basicCredentialsAreDecoded() {
        String header = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret pass".getBytes());
        assertThat(detect(Leaves.header("Authorization", header)))
                .extracting(Detection::kind, Detection::value, Detection::transform, Detection::start, Detection::end)
                .containsExactly(tuple("http_credentials", "alice:s3cret pass", "base64", 6, header.length()));
        assertThat(detect(Leaves.header("Proxy-Authorization", "basic YWxpY2U6czNjcmV0")))
                .extracting(Detection::value).containsExactly("alice:s3cret");
    }

    @Test
    void otherAuthorizationsAreNotCredentialsHere() {
        assertThat(detect(Leaves.header("Authorization", "Bearer ya29.a0AfB_byDg8-jTAQMiRXx"))).isEmpty();
        assertThat(detect(Leaves.header("Authorization", "Basic !!notbase64!!"))).isEmpty();
        assertThat(detect(Leaves.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()))))
                .isEmpty();
        assertThat(detect(Leaves.header("X-Authorization", "Basic YWxpY2U6czNjcmV0"))).isEmpty();
    }

    @Test
    void ntlmAuthenticateNamesTheUserAndTheWorkstation() {
        for (String scheme : List.of("NTLM ", "Negotiate ")) {
            assertThat(detect(Leaves.header("Authorization", scheme + DAVENPORT_TYPE_3)))
                    .extracting(Detection::kind, Detection::value, Detection::confidence)
                    .containsExactly(tuple("ntlm_user", "DOMAIN\\user", Confidence.HIGH),
                            tuple("ntlm_workstation", "WORKSTATION", Confidence.HIGH));
        }
        assertThat(detect(Leaves.header("Authorization", "NTLM " + DAVENPORT_TYPE_1))).isEmpty();
    }

    @Test
    void aTruncatedOrLyingNtlmMessageIsNotRead() {
        byte[] m = Base64.getDecoder().decode(DAVENPORT_TYPE_3);
        int namesEnd = 64 + 12 + 8 + 22; // header, then DOMAIN, user and WORKSTATION in UTF-16
        for (int cut = 0; cut < namesEnd; cut++) {
            byte[] part = Arrays.copyOf(m, cut);
            // Cut before the names end, the message is refused rather than read past its end.
            assertThat(NtlmAuthenticate.parse(part)).as("cut at %d", cut).isNull();
        }
        byte[] lying = m.clone();
        lying[40] = (byte) 0xff; // the user name's offset points far past the end
        lying[41] = (byte) 0xff;
        assertThat(NtlmAuthenticate.parse(lying)).isNull();
        assertThat(NtlmAuthenticate.parse(Arrays.copyOf(m, namesEnd))).as("the names are all it reads").isNotNull();
    }

    @ParameterizedTest
    @CsvSource({"form:password, hunter2!, HIGH", "json:$.user.passwd, correct horse battery, HIGH",
            "form:pwd, Tr0ub4dor&3, MEDIUM", "query:user_password, 12345678, HIGH"})
    void aPasswordFieldIsFound(String step, String value, Confidence confidence) {
        assertThat(detect(Leaves.body(step, value)))
                .extracting(Detection::kind, Detection::value, Detection::confidence)
                .containsExactly(tuple("password", value, confidence));
    }

    @ParameterizedTest
    @CsvSource({"form:password, ********", "form:password, ''", "json:$.password, null", "form:pass, password",
            "form:password, ${PASSWORD}", "form:password, xxxxxx", "form:password, ab", "form:passport, hunter2!",
            "json:$.password_policy, min8chars"})
    void aPlaceholderOrAnotherFieldIsNoPassword(String step, String value) {
        assertThat(detect(Leaves.body(step, value))).isEmpty();
    }
}
