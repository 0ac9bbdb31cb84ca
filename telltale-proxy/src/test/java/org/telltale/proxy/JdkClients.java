package org.telltale.proxy;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The JDK's own HTTP client, set up as a device would be: through the proxy, trusting its CA. */
final class JdkClients {
    private JdkClients() {
    }

    static HttpClient through(ProxyFixture p, HttpClient.Version version) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        anchors.setCertificateEntry("telltale", p.ca.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(p.proxy.address()))
                .sslContext(tls)
                .version(version)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
