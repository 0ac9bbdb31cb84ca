package org.telltale.proxy.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The proxy's own small site, for a device pointed at it: the CA certificate to install (PEM, and
 * DER as Android's installer wants) and the steps on Android and iOS. Static text, no script, a
 * strict Content-Security-Policy; nothing on it comes from a request.
 */
public final class SetupPage {
    public static final String PEM_PATH = "/telltale-ca.pem";
    public static final String DER_PATH = "/telltale-ca.crt";

    /** An answer: status, headers, body. */
    public record Page(HttpResponseStatus status, Map<String, String> headers, byte[] body) { }

    private static final String HTML = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Telltale proxy: set up this device</title></head>
            <body>
            <h1>Telltale proxy</h1>
            <p>This device sends its traffic through Telltale. To let Telltale read HTTPS, install its
            certificate authority, made for this installation only. Remove it when you are done.</p>
            <h2>Android</h2>
            <ol>
            <li>Download <a href="/telltale-ca.crt">telltale-ca.crt</a>.</li>
            <li>Settings &rarr; Security &rarr; Encryption &amp; credentials &rarr; Install a certificate &rarr; CA certificate, and pick the file.</li>
            <li>Apps that target Android 7 or later trust only system CAs unless they opt in; their connections show as refused.</li>
            </ol>
            <h2>iOS and iPadOS</h2>
            <ol>
            <li>In Safari, open <a href="/telltale-ca.pem">telltale-ca.pem</a> and allow the profile download.</li>
            <li>Settings &rarr; General &rarr; VPN &amp; Device Management: install the Telltale profile.</li>
            <li>Settings &rarr; General &rarr; About &rarr; Certificate Trust Settings: turn on full trust for the Telltale CA.</li>
            </ol>
            <h2>Other systems</h2>
            <p>Import <a href="/telltale-ca.pem">telltale-ca.pem</a> as a trusted certificate authority.</p>
            </body></html>
            """;

    private SetupPage() {
    }

    public static Page serve(HttpRequest request, byte[] caPem, byte[] caDer) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            return text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Telltale's setup page answers GET only.\n");
        }
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "no-store");
        switch (path) {
            case "/", "/index.html" -> {
                headers.put("Content-Type", "text/html; charset=utf-8");
                headers.put("Content-Security-Policy", "default-src 'none'; base-uri 'none'; form-action 'none'");
                return new Page(HttpResponseStatus.OK, headers, HTML.getBytes(StandardCharsets.UTF_8));
            }
            case PEM_PATH -> {
                headers.put("Content-Type", "application/x-pem-file");
                headers.put("Content-Disposition", "attachment; filename=\"telltale-ca.pem\"");
                return new Page(HttpResponseStatus.OK, headers, caPem.clone());
            }
            case DER_PATH -> {
                headers.put("Content-Type", "application/x-x509-ca-cert");
                headers.put("Content-Disposition", "attachment; filename=\"telltale-ca.crt\"");
                return new Page(HttpResponseStatus.OK, headers, caDer.clone());
            }
            default -> {
                return text(HttpResponseStatus.NOT_FOUND, "Not found. Telltale's setup page is at /.\n");
            }
        }
    }

    private static Page text(HttpResponseStatus status, String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain; charset=utf-8");
        headers.put("X-Content-Type-Options", "nosniff");
        return new Page(status, headers, text.getBytes(StandardCharsets.UTF_8));
    }
}
