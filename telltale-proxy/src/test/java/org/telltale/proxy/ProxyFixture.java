package org.telltale.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A proxy started for one test, with its own CA directory and sink. */
public final class ProxyFixture implements AutoCloseable {
    public final Path dir;
    public final CertificateAuthority ca;
    public final Path caPem;
    public final RecordingSink sink = new RecordingSink();
    public final ProxyServer proxy;
    public final ProxySettings settings;

    private ProxyFixture(Path dir, ProxySettings settings) throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"));
        this.caPem = Files.write(dir.resolve("telltale-ca.pem"), ca.pem());
        this.proxy = ProxyServer.start(settings, ca, sink);
    }

    /** Settings a test changes one field of. */
    public static ProxySettings settings(Path upstreamTrust) {
        return new ProxySettings("127.0.0.1", 0, List.of("127.0.0.1/32"), List.of(), false, upstreamTrust,
                1024 * 1024, null);
    }

    public static ProxyFixture start(Path dir, ProxySettings settings) throws IOException {
        return new ProxyFixture(dir, settings);
    }

    public int port() {
        return proxy.address().getPort();
    }

    /** "http://127.0.0.1:port", for curl --proxy. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        proxy.close();
    }
}
