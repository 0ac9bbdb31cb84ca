package org.telltale.apk.manifest;

import java.time.Instant;
import java.util.List;

/**
 * Who signed an APK and whether the signatures hold, as apksig's verifier found.
 *
 * @param verified     whether the APK verified (every scheme it carries, for the platform versions it supports)
 * @param schemes      the schemes that verified, of {@code v1}, {@code v2}, {@code v3}, {@code v3.1}, {@code v4}
 * @param certificates each signer's certificate, once each (by SHA-256); after a failed verification, those
 *                     apksig still reports (none for a JAR signature whose entries do not match)
 * @param errors       why it did not verify, one line each (an unsigned APK says so here); empty when verified
 */
public record SigningInfo(boolean verified, List<String> schemes, List<SignerCertificate> certificates,
                          List<String> errors) {
    public SigningInfo {
        schemes = List.copyOf(schemes);
        certificates = List.copyOf(certificates);
        errors = List.copyOf(errors);
    }

    /**
     * One signer's certificate.
     *
     * @param sha256    SHA-256 of the DER-encoded certificate, lower-case hex: what {@code keytool} and
     *                  {@code apksigner} show as the certificate's fingerprint, the usual name of a signer
     * @param subject   the subject's distinguished name (RFC 2253, with the e-mail address as {@code EMAILADDRESS})
     * @param issuer    the issuer's distinguished name, likewise
     * @param notBefore the start of its validity
     * @param notAfter  the end of its validity
     */
    public record SignerCertificate(String sha256, String subject, String issuer, Instant notBefore, Instant notAfter) {
    }
}
