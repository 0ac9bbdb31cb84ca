package org.telltale.api.scan;

import java.util.List;

/**
 * Who signed an APK, as apksig verifies it.
 *
 * @param verified     whether every signature present verified
 * @param schemes      the signature schemes that verified ("v1", "v2", "v3", ...)
 * @param certificates the signers' certificates
 * @param problems     what failed, one line each
 */
public record Signing(boolean verified, List<String> schemes, List<Certificate> certificates, List<String> problems) {
    public static final Signing NONE = new Signing(false, List.of(), List.of(), List.of());

    public Signing {
        schemes = List.copyOf(schemes);
        certificates = List.copyOf(certificates);
        problems = List.copyOf(problems);
    }

    /** The first signer's certificate SHA-256, or null; what compare groups apps by. */
    public String firstCertificate() {
        return certificates.isEmpty() ? null : certificates.get(0).sha256();
    }

    /**
     * One signer's certificate.
     *
     * @param sha256    the SHA-256 of its encoded form, lower-case hex (what apksigner prints)
     * @param subject   its subject's distinguished name
     * @param notBefore when it starts to be valid, ISO-8601
     * @param notAfter  when it stops, ISO-8601
     */
    public record Certificate(String sha256, String subject, String notBefore, String notAfter) {
    }
}
