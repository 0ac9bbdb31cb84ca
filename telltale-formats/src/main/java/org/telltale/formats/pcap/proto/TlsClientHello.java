package org.telltale.formats.pcap.proto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the server name (SNI) and offered protocols (ALPN) from a TLS ClientHello (RFC 8446
 * section 4.1.2, RFC 6066, RFC 7301), either inside TLS records, where it may span several of them,
 * or as a bare handshake message, as QUIC carries it. Everything else gives null.
 */
public final class TlsClientHello {
    /** Larger hellos exist only in attacks; real ones, post-quantum key shares included, stay far below. */
    static final int MAX_HELLO = 64 * 1024;
    private static final int RECORD_HEADER = 5;
    private static final int MAX_RECORD = (1 << 14) + 2048;
    private static final int HANDSHAKE = 0x16;
    private static final int CLIENT_HELLO = 1;
    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_ALPN = 16;
    private static final int MAX_ALPN = 32;

    private TlsClientHello() {
    }

    /**
     * The SNI and ALPN of the ClientHello that starts these bytes: TLS records (first byte 0x16)
     * or a handshake message (first byte 1). Null when the bytes hold no complete ClientHello.
     */
    public static ClientHelloInfo parse(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len <= 0 || off > buf.length - len) {
            return null;
        }
        if ((buf[off] & 0xFF) == HANDSHAKE) {
            return scanRecords(buf, off, len).info();
        }
        return parseHandshake(buf, off, len);
    }

    /**
     * What the records at the start of a TLS stream show so far.
     *
     * @param info    the ClientHello read; null when not (yet) read
     * @param wanted  when more bytes could complete it, the stream length worth trying again at; else 0
     * @param problem why the bytes cannot hold a ClientHello; null when they still might
     */
    record Scan(ClientHelloInfo info, int wanted, String problem) {
        static Scan more(int wanted) {
            return new Scan(null, wanted, null);
        }

        static Scan failed(String problem) {
            return new Scan(null, 0, problem);
        }

        boolean needMore() {
            return wanted > 0;
        }
    }

    /**
     * Gathers the handshake bytes of the leading records and reads the ClientHello once whole;
     * says whether more stream bytes could still complete it.
     */
    static Scan scanRecords(byte[] buf, int off, int len) {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        int p = off;
        int end = off + len;
        while (true) {
            if (handshake.size() >= 4) {
                byte[] h = handshake.toByteArray();
                int need = 4 + u24(h, 1);
                if ((h[0] & 0xFF) != CLIENT_HELLO) {
                    return Scan.failed("first TLS handshake message is type " + (h[0] & 0xFF) + ", not a ClientHello");
                }
                if (need > MAX_HELLO) {
                    return Scan.failed("TLS ClientHello claims " + need + " bytes");
                }
                if (h.length >= need) {
                    ClientHelloInfo info = parseHandshake(h, 0, need);
                    return info != null ? new Scan(info, 0, null) : Scan.failed("malformed TLS ClientHello");
                }
            }
            if (end - p < RECORD_HEADER) {
                return Scan.more(p - off + RECORD_HEADER);
            }
            int type = buf[p] & 0xFF;
            int major = buf[p + 1] & 0xFF;
            int length = u16(buf, p + 3);
            if (type != HANDSHAKE || major != 3 || length == 0 || length > MAX_RECORD) {
                return Scan.failed("not a TLS handshake record");
            }
            if (end - p - RECORD_HEADER < length) {
                return Scan.more(p - off + RECORD_HEADER + length);
            }
            handshake.write(buf, p + RECORD_HEADER, length);
            p += RECORD_HEADER + length;
            if (handshake.size() > MAX_HELLO + MAX_RECORD) {
                return Scan.failed("TLS handshake too long");
            }
        }
    }

    /** Reads a complete ClientHello handshake message; null when it is not one or is malformed. */
    static ClientHelloInfo parseHandshake(byte[] buf, int off, int len) {
        if (len < 4 || (buf[off] & 0xFF) != CLIENT_HELLO) {
            return null;
        }
        int bodyLen = u24(buf, off + 1);
        if (bodyLen > len - 4) {
            return null;
        }
        int p = off + 4;
        int end = p + bodyLen;
        p += 2 + 32;
        if (p >= end) {
            return null;
        }
        p += 1 + (buf[p] & 0xFF);
        if (p + 2 > end) {
            return null;
        }
        p += 2 + u16(buf, p);
        if (p + 1 > end) {
            return null;
        }
        p += 1 + (buf[p] & 0xFF);
        if (p == end) {
            return new ClientHelloInfo(null, List.of());
        }
        if (p + 2 > end) {
            return null;
        }
        int extEnd = p + 2 + u16(buf, p);
        if (extEnd > end) {
            return null;
        }
        p += 2;
        String sni = null;
        List<String> alpn = new ArrayList<>();
        while (p + 4 <= extEnd) {
            int type = u16(buf, p);
            int extLen = u16(buf, p + 2);
            int data = p + 4;
            if (data + extLen > extEnd) {
                return null;
            }
            if (type == EXT_SERVER_NAME && sni == null) {
                sni = serverName(buf, data, extLen);
            } else if (type == EXT_ALPN && alpn.isEmpty()) {
                protocols(buf, data, extLen, alpn);
            }
            p = data + extLen;
        }
        return new ClientHelloInfo(sni, alpn);
    }

    /** The first host_name entry of a server_name extension, if it is a plausible host name. */
    private static String serverName(byte[] buf, int off, int len) {
        if (len < 2) {
            return null;
        }
        int end = off + Math.min(len, 2 + u16(buf, off));
        int p = off + 2;
        while (p + 3 <= end) {
            int nameType = buf[p] & 0xFF;
            int nameLen = u16(buf, p + 1);
            if (p + 3 + nameLen > end) {
                return null;
            }
            if (nameType == 0) {
                return printable(buf, p + 3, nameLen, 255);
            }
            p += 3 + nameLen;
        }
        return null;
    }

    private static void protocols(byte[] buf, int off, int len, List<String> out) {
        if (len < 2) {
            return;
        }
        int end = off + Math.min(len, 2 + u16(buf, off));
        int p = off + 2;
        while (p < end && out.size() < MAX_ALPN) {
            int n = buf[p] & 0xFF;
            if (p + 1 + n > end) {
                return;
            }
            String proto = printable(buf, p + 1, n, 255);
            if (proto != null) {
                out.add(proto);
            }
            p += 1 + n;
        }
    }

    /** The bytes as ASCII text, or null when empty, too long or holding control or non-ASCII bytes. */
    static String printable(byte[] buf, int off, int len, int max) {
        if (len == 0 || len > max) {
            return null;
        }
        for (int i = off; i < off + len; i++) {
            int c = buf[i] & 0xFF;
            if (c <= 0x20 || c >= 0x7F) {
                return null;
            }
        }
        return new String(buf, off, len, StandardCharsets.US_ASCII);
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
    }

    private static int u24(byte[] b, int i) {
        return (b[i] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | b[i + 2] & 0xFF;
    }
}
