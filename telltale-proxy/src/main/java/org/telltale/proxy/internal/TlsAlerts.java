package org.telltale.proxy.internal;

import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed client handshake into a reason a person can act on, naming the TLS alert the
 * client sent. The JDK says "Received fatal alert: unknown_ca", BoringSSL "TLSV1_ALERT_UNKNOWN_CA"
 * or "SSLV3_ALERT_BAD_CERTIFICATE"; both give the alert's RFC 8446 name.
 */
public final class TlsAlerts {
    private static final Pattern JDK = Pattern.compile("Received fatal alert: (\\w+)");
    private static final Pattern BORINGSSL = Pattern.compile("(?:TLSV1|SSLV3)_ALERT_(\\w+)");
    /** Alerts with which a client says it does not accept the certificate it was shown. */
    private static final Set<String> CERTIFICATE_REFUSALS = Set.of("unknown_ca", "bad_certificate",
            "certificate_unknown", "unsupported_certificate", "certificate_revoked", "certificate_expired",
            "access_denied");

    private TlsAlerts() {
    }

    /** The alert's name, or null when the failure carries none. */
    public static String alert(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            Matcher jdk = JDK.matcher(message);
            if (jdk.find()) {
                return jdk.group(1).toLowerCase(Locale.ROOT);
            }
            Matcher boring = BORINGSSL.matcher(message);
            if (boring.find()) {
                return boring.group(1).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Why the handshake failed: the alert seen on the wire if any, else the one the TLS engine names. */
    public static String reason(String alertSeen, Throwable cause) {
        String alert = alertSeen != null ? alertSeen : alert(cause);
        if (alert != null && CERTIFICATE_REFUSALS.contains(alert)) {
            return "the client refused Telltale's certificate (" + alert + "): it pins its certificates or trusts "
                    + "only the system store";
        }
        if (alert != null) {
            return "the TLS handshake with the client failed (" + alert + ")";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException) {
                return "the client closed the connection during the TLS handshake";
            }
        }
        return "the TLS handshake with the client failed: " + cause.getMessage();
    }
}
