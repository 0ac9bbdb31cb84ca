package org.telltale.proxy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * The TLS contexts of both sides: one per server name toward clients (a minted leaf, cached), and
 * the upstream ones (verification against the JDK's trust store plus --upstream-trust, or none
 * with --insecure-upstream). Both offer HTTP/2 and HTTP/1.1 by ALPN; each side agrees on its own.
 *
 * <p>Provider: the JDK's TLS, unless TLS secrets are to be saved. The JDK does not give out TLS 1.3
 * secrets, BoringSSL (netty-tcnative) does through its key log callback, so with a key log file
 * both sides use OpenSSL ({@link TlsKeyLogFile}). The JDK stays the default because its handshake
 * errors are the ones the rest of Telltale is tested against and it needs no native library.
 */
public final class TlsContexts {
    /** Server names with a leaf context ready; a client visiting more names re-mints the oldest. */
    public static final int LEAF_CACHE_SIZE = 1000;

    private static final ApplicationProtocolConfig SERVER_ALPN = new ApplicationProtocolConfig(Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
    private static final ApplicationProtocolConfig CLIENT_ALPN = new ApplicationProtocolConfig(Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
    private static final ApplicationProtocolConfig CLIENT_ALPN_HTTP1 = new ApplicationProtocolConfig(Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_1_1);

    private final LeafCertificates leaves;
    private final SslProvider provider;
    private final TlsKeyLogFile keyLog;
    private final Cache<String, SslContext> leafContexts;
    private final SslContext upstream;
    private final SslContext upstreamHttp1;

    public TlsContexts(LeafCertificates leaves, boolean insecureUpstream, Path upstreamTrust, TlsKeyLogFile keyLog)
            throws IOException {
        this.leaves = leaves;
        this.keyLog = keyLog;
        this.provider = keyLog == null ? SslProvider.JDK : SslProvider.OPENSSL;
        this.leafContexts = Caffeine.newBuilder().maximumSize(LEAF_CACHE_SIZE)
                .expireAfterWrite(Duration.ofDays(30)).build();
        TrustManagerFactory trust = insecureUpstream ? InsecureTrustManagerFactory.INSTANCE : trust(upstreamTrust);
        this.upstream = upstreamContext(trust, insecureUpstream, CLIENT_ALPN);
        this.upstreamHttp1 = upstreamContext(trust, insecureUpstream, CLIENT_ALPN_HTTP1);
    }

    /** The context that shows clients a certificate for the name; minted on first use, then cached. */
    public SslContext forClientsOf(String serverName) {
        return leafContexts.get(serverName, this::newLeafContext);
    }

    /** The context for connections to servers; offering HTTP/1.1 only when asked. */
    public SslContext upstream(boolean http1Only) {
        return http1Only ? upstreamHttp1 : upstream;
    }

    public SslProvider provider() {
        return provider;
    }

    private SslContext newLeafContext(String serverName) {
        X509Certificate leaf = leaves.mint(serverName);
        try {
            SslContext context = SslContextBuilder.forServer(leaves.leafKey(), leaf, leaves.caCertificate())
                    .sslProvider(provider)
                    .applicationProtocolConfig(SERVER_ALPN)
                    .build();
            return withKeyLog(context);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot make a TLS context for " + serverName + ": " + e.getMessage(), e);
        }
    }

    private SslContext upstreamContext(TrustManagerFactory trust, boolean insecure, ApplicationProtocolConfig alpn)
            throws IOException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider)
                .trustManager(trust)
                .applicationProtocolConfig(alpn)
                // Netty 4.2 verifies the host name by default; said here so that it is plain.
                .endpointIdentificationAlgorithm(insecure ? null : "HTTPS");
        return withKeyLog(builder.build());
    }

    private SslContext withKeyLog(SslContext context) {
        if (keyLog != null) {
            keyLog.attach(context);
        }
        return context;
    }

    /** The JDK's trust anchors plus those of the PEM file, if any. */
    private static TrustManagerFactory trust(Path extraPem) throws IOException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (extraPem == null) {
                factory.init((KeyStore) null);
                return factory;
            }
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int n = 0;
            for (TrustManager manager : jdk.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate c : x509.getAcceptedIssuers()) {
                        anchors.setCertificateEntry("jdk-" + n++, c);
                    }
                }
            }
            Collection<? extends Certificate> extra;
            try (InputStream in = Files.newInputStream(extraPem)) {
                extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (extra.isEmpty()) {
                throw new IOException(extraPem + " holds no PEM certificate");
            }
            for (Certificate c : extra) {
                anchors.setCertificateEntry("extra-" + n++, c);
            }
            factory.init(anchors);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the upstream trust anchors " + extraPem + ": " + e.getMessage(), e);
        }
    }
}
