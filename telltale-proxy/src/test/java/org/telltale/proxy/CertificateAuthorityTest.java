package org.telltale.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    @TempDir
    Path dir;

    @Test
    void theKeyFileAndTheDirectoryMadeForItAreOwnerOnly() throws Exception {
        Path home = dir.resolve("new").resolve("ca");
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(home);

        assertThat(ca.keyFile()).isEqualTo(home.resolve(CertificateAuthority.KEY_FILE));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca.keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(Files.readString(ca.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void itIsMadeOnceAndLoadedAfter() throws Exception {
        CertificateAuthority first = CertificateAuthority.loadOrCreate(dir);
        CertificateAuthority again = CertificateAuthority.loadOrCreate(dir);

        assertThat(again.der()).isEqualTo(first.der());
        assertThat(new String(first.pem())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readAllBytes(dir.resolve(CertificateAuthority.CERTIFICATE_FILE))).isEqualTo(first.pem());
    }

    @Test
    void itIsACaForTenYears() throws Exception {
        X509Certificate c = CertificateAuthority.loadOrCreate(dir).certificate();

        assertThat(c.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(c.getKeyUsage()[5]).as("keyCertSign").isTrue();
        long days = Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).toDays();
        assertThat(days).isBetween(3649L, 3651L);
    }

    @Test
    void leafCertificatesAreSignedByItNameTheHostAndLastUnder200Days() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir);
        var leaves = new org.telltale.proxy.internal.LeafCertificates(ca.certificate(), ca.privateKey());

        for (String name : List.of("api.example.com", "192.0.2.7")) {
            X509Certificate leaf = leaves.mint(name);
            leaf.verify(ca.certificate().getPublicKey());
            leaf.checkValidity(new Date());
            assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()).toDays())
                    .isLessThan(200);
            assertThat(leaf.getSubjectAlternativeNames()).singleElement()
                    .satisfies(san -> assertThat(san.get(1)).isEqualTo(name));
            assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=" + name);
            assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
            assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        }
    }
}
