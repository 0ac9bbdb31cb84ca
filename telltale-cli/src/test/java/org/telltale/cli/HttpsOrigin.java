package org.telltale.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTPS server on loopback (the JDK's), with a certificate for localhost and 127.0.0.1 that
 * openssl makes for the test (a CA of its own, given to the recorder with --upstream-ca): it answers
 * every request with "ok" and keeps each request body it received, so a test sees what the proxy
 * passed on.
 */
final class HttpsOrigin implements AutoCloseable {
    /** What the origin received: method, path and query, and body. */
    record Received(String method, String target, byte[] body) {
    }

    private final HttpsServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** The origin's CA certificate (PEM), to trust it. */
    final Path caPem;
    /** The origin's own certificate (PEM), to pin its key. */
    final Path certPem;

    private HttpsOrigin(HttpsServer server, Path caPem, Path certPem) {
        this.server = server;
        this.caPem = caPem;
        this.certPem = certPem;
    }

    static HttpsOrigin start(Path dir) throws Exception {
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "30",
                "-subj", "/CN=Test origin CA", "-keyout", "ca-key.pem", "-out", "ca.pem");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=localhost",
                "-keyout", "origin-key.pem", "-out", "origin.csr");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        openssl(dir, "x509", "-req", "-in", "origin.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "30", "-extfile", "san.ext", "-out", "origin.pem");
        openssl(dir, "pkcs12", "-export", "-in", "origin.pem", "-inkey", "origin-key.pem", "-passout", "pass:test",
                "-out", "origin.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(dir.resolve("origin.p12").toFile())) {
            ks.load(in, "test".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "test".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        HttpsOrigin origin = new HttpsOrigin(server, dir.resolve("ca.pem"), dir.resolve("origin.pem"));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            origin.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body));
            byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
        return origin;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
