package org.telltale.apk.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.apk.ToolRun;
import org.telltale.testkit.Oracles;

/**
 * Signing of real APKs against two oracles that read the certificates themselves: the JDK's
 * {@code keytool -printcert -jarfile} for the JAR-signed (v1) ones, androguard's {@code androsign} for the
 * one signed with the v2 scheme only, which keytool cannot read.
 */
class SigningReaderTest {
    private static final DateTimeFormatter KEYTOOL_DATE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.US);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"/apk/appium-uiautomator2-server-debug-androidTest.apk", "/manifest/HelloActivity.apk"})
    void jarSignedCertificatesAreThoseKeytoolReads(String resource) throws Exception {
        Oracles.need("keytool");
        Path apk = copy(resource);
        String out = ToolRun.stdout(tmp, "keytool", "-J-Duser.language=en", "-J-Duser.country=US", "-printcert", "-jarfile", apk.toString());
        SigningInfo info = SigningReader.read(apk);

        assertThat(info.certificates()).hasSize(count(out, "^Certificate #"));
        SigningInfo.SignerCertificate cert = info.certificates().get(0);
        assertThat(cert.sha256()).isEqualTo(group(out, "SHA256: ([0-9A-F:]+)").replace(":", "").toLowerCase(Locale.ROOT));
        assertThat(new X500Principal(cert.subject())).isEqualTo(new X500Principal(group(out, "Owner: (.+)")));
        assertThat(new X500Principal(cert.issuer())).isEqualTo(new X500Principal(group(out, "Issuer: (.+)")));
        assertThat(cert.subject()).contains("EMAILADDRESS=android@android.com");
        assertThat(cert.notBefore()).isEqualTo(ZonedDateTime.parse(group(out, "Valid from: (.+) until:"), KEYTOOL_DATE).toInstant());
        assertThat(cert.notAfter()).isEqualTo(ZonedDateTime.parse(group(out, "until: (.+)"), KEYTOOL_DATE).toInstant());
        assertThat(info.verified()).isTrue();
        assertThat(info.errors()).isEmpty();
    }

    @Test
    void v2OnlyCertificateIsTheOneAndrosignReads() throws Exception {
        Oracles.need("androsign");
        Path apk = copy("/apk/settings_apk-debug.apk");
        String out = ToolRun.stdout(tmp, "androsign", "--all", "--show", apk.toString());
        SigningInfo info = SigningReader.read(apk);

        assertThat(out).contains("Is signed v1: False", "Is signed v2: True", "Is signed v3: False", "Found 1 unique certificates");
        assertThat(info.schemes()).containsExactly("v2");
        assertThat(info.verified()).isTrue();
        assertThat(info.certificates()).containsExactly(new SigningInfo.SignerCertificate(group(out, "sha256 ([0-9a-f]{64})"),
                androsignName(group(out, "Subject: (.+)")), androsignName(group(out, "Issuer: (.+)")),
                androsignDate(group(out, "Valid not before: (.+)")), androsignDate(group(out, "Valid not after: (.+)"))));
        assertThat(info.certificates().get(0).subject()).isEqualTo("C=US,O=Android,CN=Android Debug");
    }

    @Test
    void schemesVerifiedFollowTheMinimumSdk() {
        // minSdk 26 >= 24: Android ignores the JAR signature when a v2 or v3 one is there, and so does apksig.
        assertThat(SigningReader.read(resourcePath("/apk/appium-uiautomator2-server-debug-androidTest.apk")).schemes())
                .containsExactly("v2", "v3");
        // Built in 2011, before the v2 scheme: JAR signing only.
        assertThat(SigningReader.read(resourcePath("/manifest/HelloActivity.apk")).schemes()).containsExactly("v1");
    }

    @Test
    void v4IsVerifiedWhenItsIdsigLiesBeside() throws Exception {
        Oracles.need("keytool");
        Path keystore = tmp.resolve("test.p12");
        ToolRun.stdout(tmp, "keytool", "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "telltale", "-keypass", "telltale", "-alias", "test", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "3650", "-dname", "CN=Telltale Test, O=Telltale, C=DE");
        String listing = ToolRun.stdout(tmp, "keytool", "-J-Duser.language=en", "-list", "-v", "-keystore",
                keystore.toString(), "-storepass", "telltale", "-alias", "test");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "telltale".toCharArray());
        }
        java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate) ks.getCertificate("test");
        java.security.PrivateKey key = (java.security.PrivateKey) ks.getKey("test", "telltale".toCharArray());
        Path signed = tmp.resolve("signed.apk");
        // apksig's own signer writes the v2 and v3 blocks and the v4 .idsig file, as apksigner does.
        new com.android.apksig.ApkSigner.Builder(List.of(new com.android.apksig.ApkSigner.SignerConfig.Builder(
                "test", key, List.of(cert)).build()))
                .setInputApk(copy("/apk/settings_apk-debug.apk").toFile()).setOutputApk(signed.toFile())
                .setV1SigningEnabled(false).setV2SigningEnabled(true).setV3SigningEnabled(true)
                .setV4SigningEnabled(true).setV4SignatureOutputFile(tmp.resolve("signed.apk.idsig").toFile())
                .build().sign();

        SigningInfo withIdsig = SigningReader.read(signed);
        assertThat(withIdsig.verified()).isTrue();
        assertThat(withIdsig.schemes()).containsExactly("v2", "v3", "v4");
        assertThat(withIdsig.certificates()).singleElement().satisfies(c -> {
            assertThat(c.sha256()).isEqualTo(group(listing, "SHA256: ([0-9A-F:]+)").replace(":", "").toLowerCase(Locale.ROOT));
            assertThat(c.subject()).isEqualTo("CN=Telltale Test,O=Telltale,C=DE");
        });

        Files.delete(tmp.resolve("signed.apk.idsig"));
        assertThat(SigningReader.read(signed).schemes()).containsExactly("v2", "v3");
    }

    @Test
    void unsignedApkSaysSoWithoutCertificates() throws Exception {
        Path unsigned = tmp.resolve("unsigned.apk");
        rewrite(copy("/manifest/HelloActivity.apk"), unsigned, false);
        SigningInfo info = SigningReader.read(unsigned);
        assertThat(info.verified()).isFalse();
        assertThat(info.schemes()).isEmpty();
        assertThat(info.certificates()).isEmpty();
        assertThat(info.errors()).isNotEmpty().allSatisfy(e -> assertThat(e).doesNotContain("\n"));
    }

    @Test
    void tamperedApkFails() throws Exception {
        Path tampered = tmp.resolve("tampered.apk");
        rewrite(copy("/manifest/HelloActivity.apk"), tampered, true);
        SigningInfo info = SigningReader.read(tampered);
        assertThat(info.verified()).isFalse();
        assertThat(info.schemes()).isEmpty();
        assertThat(info.errors()).anySatisfy(e -> assertThat(e).contains("classes.dex"));
        // apksig drops a JAR signer whose entries do not match, so no certificate is vouched for.
        assertThat(info.certificates()).isEmpty();
    }

    @Test
    void notAnApkIsNotAnException() throws Exception {
        Path text = tmp.resolve("text.apk");
        Files.writeString(text, "not a zip");
        SigningInfo info = SigningReader.read(text);
        assertThat(info.verified()).isFalse();
        assertThat(info.errors()).hasSize(1);
        assertThat(SigningReader.read(tmp.resolve("missing.apk")).verified()).isFalse();
    }

    /** The APK's entries into a new zip: without the signature files, or with one byte of classes.dex changed. */
    private static void rewrite(Path from, Path to, boolean keepSignatureTamperCode) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                if (!keepSignatureTamperCode && e.getName().startsWith("META-INF/")) {
                    continue;
                }
                if (keepSignatureTamperCode && e.getName().equals("classes.dex")) {
                    data[data.length - 1] ^= 1;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
    }

    private Path copy(String resource) throws IOException {
        Path file = tmp.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = getClass().getResourceAsStream(resource); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        return file;
    }

    private static Path resourcePath(String resource) {
        try {
            return Path.of(SigningReaderTest.class.getResource(resource).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** androsign lists a name's parts in encoding order, RFC 2253 in reverse. */
    private static String androsignName(String text) {
        List<String> parts = new ArrayList<>(List.of(text.split(", ")));
        java.util.Collections.reverse(parts);
        return new X500Principal(String.join(",", parts)).getName();
    }

    private static Instant androsignDate(String text) {
        // 2026-09-26 17:20:13+00:00
        return LocalDateTime.parse(text.substring(0, 19).replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1).strip();
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        return found.size();
    }
}
