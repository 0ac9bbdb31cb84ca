package org.telltale.formats.pcap;

import java.nio.charset.StandardCharsets;

/**
 * Judges which end of a connection caught mid-way is the client, from the first bytes one end sent
 * (an HTTP request or TLS ClientHello says client; an HTTP response or ServerHello says server),
 * else from the ports (a well-known port is the server's; otherwise the higher port is the client's).
 */
final class ClientGuess {
    private static final String[] METHODS = {"GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ",
        "CONNECT ", "TRACE ", "PRI * "};
    private static final int[] SERVER_PORTS = {80, 443, 8080, 8000, 8008, 8443, 8888, 3128, 5228, 853, 993, 995,
        465, 587, 25, 110, 143, 21, 22, 53, 1080, 9000};

    private ClientGuess() {
    }

    /** Whether the end that sent these first bytes, from {@code srcPort} to {@code dstPort}, is the client. */
    static boolean sentByClient(byte[] buf, int off, int len, int srcPort, int dstPort) {
        if (len > 0) {
            if (startsWithRequest(buf, off, len) || isTlsHandshake(buf, off, len, 1)) {
                return true;
            }
            if (startsWith(buf, off, len, "HTTP/") || isTlsHandshake(buf, off, len, 2)) {
                return false;
            }
        }
        boolean srcServer = isServerPort(srcPort);
        boolean dstServer = isServerPort(dstPort);
        if (srcServer != dstServer) {
            return dstServer;
        }
        return srcPort >= dstPort;
    }

    private static boolean isServerPort(int port) {
        for (int p : SERVER_PORTS) {
            if (p == port) {
                return true;
            }
        }
        return port < 1024;
    }

    private static boolean startsWithRequest(byte[] buf, int off, int len) {
        for (String m : METHODS) {
            if (startsWith(buf, off, len, m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] buf, int off, int len, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (len < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (buf[off + i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTlsHandshake(byte[] buf, int off, int len, int messageType) {
        return len >= 6 && buf[off] == 0x16 && buf[off + 1] == 3 && (buf[off + 5] & 0xFF) == messageType;
    }
}
