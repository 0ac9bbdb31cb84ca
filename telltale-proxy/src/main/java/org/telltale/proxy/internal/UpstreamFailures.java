package org.telltale.proxy.internal;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.netty.channel.ConnectTimeoutException;

/** Says in a few words why an upstream connection failed, and whether its certificate was the reason. */
public final class UpstreamFailures {
    private UpstreamFailures() {
    }

    /** True when the server's certificate (or its name) did not verify. */
    public static boolean isCertificateFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return true;
            }
            String m = t.getMessage();
            if (t instanceof SSLHandshakeException && m != null
                    && (m.contains("PKIX") || m.contains("certificate") || m.contains("CERTIFICATE")
                    || m.contains("subject alternative") || m.contains("No name matching"))) {
                return true;
            }
        }
        return false;
    }

    /** "the certificate failed verification (...)", "cannot connect (...)" and so on. */
    public static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (isCertificateFailure(cause)) {
            return "its certificate failed verification (" + detail + ")";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host (" + detail + ")";
            }
            if (t instanceof ConnectTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof ConnectException) {
                return "cannot connect (" + detail + ")";
            }
            if (t instanceof SSLException) {
                return "the TLS handshake failed (" + detail + ")";
            }
        }
        return detail;
    }
}
