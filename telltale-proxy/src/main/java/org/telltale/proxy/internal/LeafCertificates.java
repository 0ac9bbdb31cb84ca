package org.telltale.proxy.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import io.netty.util.NetUtil;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mints the leaf certificate the client sees for a server name, signed by the proxy's CA. All
 * leaves share one EC P-256 key pair made at start: minting is then one signature, not a key
 * generation. Valid 180 days from an hour ago: Apple's platforms refuse a TLS server certificate
 * valid longer than 825 days and Chrome's CA policy shortens it further; under 200 days passes all.
 */
public final class LeafCertificates {
    public static final Duration VALIDITY = Duration.ofDays(180);

    private final X509Certificate caCertificate;
    private final PrivateKey caKey;
    private final KeyPair leafKeys;
    private final SecureRandom random = new SecureRandom();

    public LeafCertificates(X509Certificate caCertificate, PrivateKey caKey) {
        this.caCertificate = caCertificate;
        this.caKey = caKey;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            this.leafKeys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make an EC P-256 key", e);
        }
    }

    /** The private key of every leaf. */
    public PrivateKey leafKey() {
        return leafKeys.getPrivate();
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** A certificate for the DNS name or IP address, subject CN and SAN both that name. */
    public X509Certificate mint(String name) {
        boolean ip = NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name);
        try {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Telltale")
                    .addRDN(BCStyle.CN, name).build();
            X500Name issuer = X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
            Instant now = Instant.now();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(127, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY).minus(Duration.ofHours(1))), subject, leafKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                            new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name)))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(leafKeys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(caCertificate));
            String algorithm = caKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(caKey)));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("cannot mint a certificate for " + name + ": " + e.getMessage(), e);
        }
    }
}
