package org.telltale.apk.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import com.android.apksig.ApkVerifier;

/**
 * Reads an APK's signing certificates and checks its signatures with apksig's {@link ApkVerifier}, the
 * library {@code apksigner} is built on: JAR signing (v1), the APK Signature Scheme v2, v3 and v3.1, and
 * v4 when an {@code .idsig} file lies beside the APK. An unsigned, damaged or unreadable APK is not an
 * exception: the {@link SigningInfo} says it did not verify and why.
 */
public final class SigningReader {
    /** Android's debug certificates carry an e-mail address, which RFC 2253 would only give as a hex-encoded OID. */
    private static final Map<String, String> NAMED_OIDS = Map.of("1.2.840.113549.1.9.1", "EMAILADDRESS");

    private SigningReader() {
    }

    /** The APK's signing, verified. */
    public static SigningInfo read(Path apk) {
        ApkVerifier.Builder builder = new ApkVerifier.Builder(apk.toFile());
        Path idsig = apk.resolveSibling(apk.getFileName() + ".idsig");
        if (Files.isRegularFile(idsig)) {
            builder.setV4SignatureFile(idsig.toFile());
        }
        ApkVerifier.Result result;
        try {
            result = builder.build().verify();
        } catch (Exception e) {
            // apksig throws for a file that is not a zip, a manifest it cannot read, a missing digest algorithm.
            return new SigningInfo(false, List.of(), List.of(), List.of(oneLine(e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
        List<String> schemes = new ArrayList<>();
        addIf(schemes, result.isVerifiedUsingV1Scheme(), "v1");
        addIf(schemes, result.isVerifiedUsingV2Scheme(), "v2");
        addIf(schemes, result.isVerifiedUsingV3Scheme(), "v3");
        addIf(schemes, result.isVerifiedUsingV31Scheme(), "v3.1");
        addIf(schemes, result.isVerifiedUsingV4Scheme(), "v4");
        List<String> errors = new ArrayList<>();
        for (ApkVerifier.IssueWithParams issue : result.getAllErrors()) {
            errors.add(oneLine(issue.toString()));
        }
        return new SigningInfo(result.isVerified(), schemes, certificates(result), errors);
    }

    /** The verified signers' certificates, or where verification failed, those the scheme blocks hold. */
    private static List<SigningInfo.SignerCertificate> certificates(ApkVerifier.Result result) {
        List<X509Certificate> certs = new ArrayList<>(result.getSignerCertificates());
        result.getV31SchemeSigners().forEach(s -> certs.add(s.getCertificate()));
        result.getV3SchemeSigners().forEach(s -> certs.add(s.getCertificate()));
        result.getV2SchemeSigners().forEach(s -> certs.add(s.getCertificate()));
        result.getV1SchemeSigners().forEach(s -> certs.add(s.getCertificate()));
        Map<String, SigningInfo.SignerCertificate> unique = new LinkedHashMap<>();
        for (X509Certificate cert : certs) {
            if (cert == null) {
                continue;
            }
            String sha256 = sha256(cert);
            unique.putIfAbsent(sha256, new SigningInfo.SignerCertificate(sha256,
                    cert.getSubjectX500Principal().getName(X500Principal.RFC2253, NAMED_OIDS),
                    cert.getIssuerX500Principal().getName(X500Principal.RFC2253, NAMED_OIDS),
                    cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()));
        }
        return new ArrayList<>(unique.values());
    }

    private static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 of a certificate apksig parsed: " + e.getMessage(), e);
        }
    }

    private static void addIf(List<String> list, boolean condition, String value) {
        if (condition) {
            list.add(value);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ').strip();
    }
}
