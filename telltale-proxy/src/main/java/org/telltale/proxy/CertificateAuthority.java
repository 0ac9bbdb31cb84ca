package org.telltale.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authority that signs the proxy's leaf certificates: one per installation, made on
 * first use, so no two users share a key. The device trusts its certificate ({@link #pem()} or
 * {@link #der()}); its key stays in {@link #keyFile()}, readable by the owner only.
 *
 * <p>An EC P-256 key: signing a leaf is fast and every current Android and iOS accepts it.
 */
public final class CertificateAuthority {
    /** The certificate, PEM, world-readable: it is what the device installs. */
    public static final String CERTIFICATE_FILE = "ca.pem";
    /** The private key, PKCS#8 PEM, owner-only. */
    public static final String KEY_FILE = "ca-key.pem";

    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Path keyFile;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key, Path keyFile) {
        this.certificate = certificate;
        this.key = key;
        this.keyFile = keyFile;
    }

    /**
     * Loads the CA from {@code dir} ({@value #CERTIFICATE_FILE} and {@value #KEY_FILE}), creating
     * both on first use. A directory it creates and the key file are owner-only from the moment
     * they exist (the permissions are given at creation, not set afterwards).
     */
    public static CertificateAuthority loadOrCreate(Path dir) throws IOException {
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        if (Files.exists(certificateFile) && Files.exists(keyFile)) {
            return load(certificateFile, keyFile);
        }
        if (Files.exists(certificateFile) || Files.exists(keyFile)) {
            throw new IOException("half a certificate authority in " + dir + ": both " + CERTIFICATE_FILE + " and "
                    + KEY_FILE + " are needed; move the one left aside to make a new authority");
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnly(dir, OWNER_ONLY_DIR));
        }
        return create(certificateFile, keyFile);
    }

    /** The CA certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate, PEM (what a desktop or iOS installs). */
    public byte[] pem() {
        return toPem(certificate).getBytes(StandardCharsets.US_ASCII);
    }

    /** The CA certificate, DER (the .crt Android's installer wants). */
    public byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the CA certificate cannot be encoded", e);
        }
    }

    /** The file holding the private key, owner-only. */
    public Path keyFile() {
        return keyFile;
    }

    /** The private key, for the leaf minter; never leaves this module. */
    PrivateKey privateKey() {
        return key;
    }

    private static CertificateAuthority load(Path certificateFile, Path keyFile) throws IOException {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificateFile)));
            PrivateKey key;
            try (PEMParser parser = new PEMParser(new InputStreamReader(Files.newInputStream(keyFile),
                    StandardCharsets.US_ASCII))) {
                Object read = parser.readObject();
                if (!(read instanceof PrivateKeyInfo info)) {
                    throw new IOException(keyFile + " holds no PKCS#8 private key");
                }
                key = new JcaPEMKeyConverter().getPrivateKey(info);
            }
            return new CertificateAuthority(certificate, key, keyFile);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificate authority in " + certificateFile.getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    private static CertificateAuthority create(Path certificateFile, Path keyFile) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "Telltale")
                    .addRDN(BCStyle.CN, "Telltale CA " + Instant.now().getEpochSecond())
                    .build();
            Instant now = Instant.now();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            // The key first: a certificate without its key would be refused on the next start.
            writeOwnerOnly(keyFile, toPem(new JcaPKCS8Generator(pair.getPrivate(), null)));
            Files.writeString(certificateFile, toPem(certificate), StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new CertificateAuthority(certificate, pair.getPrivate(), keyFile);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make a certificate authority: " + e.getMessage(), e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(file, OWNER_ONLY_FILE)))) {
            out.write(content.getBytes(StandardCharsets.US_ASCII));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " appeared while the certificate authority was being made", e);
        }
    }

    /** Owner-only permissions where the file system has POSIX permissions; none elsewhere (Windows ACLs inherit). */
    private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
        Path existing = path.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean posix = existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    /** PEM text of a certificate, or of a key through its PKCS#8 generator. */
    static String toPem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding in memory failed", e);
        }
        return text.toString();
    }
}
