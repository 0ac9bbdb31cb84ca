package org.telltale.proxy.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a TLS ClientHello says about where the client wants to go: the server name (SNI) and the
 * application protocols it offers (ALPN). Read here, before any TLS engine sees the bytes, so the
 * proxy can decide to intercept or pass the connection through untouched.
 *
 * <p>Sans-IO: {@link #parse} takes the bytes received so far and says whether they hold a whole
 * ClientHello, are not one, or need more. The hello may span several TLS records.
 *
 * @param sni  the server name asked for; null when none
 * @param alpn the protocols offered, in order
 */
public record ClientHello(String sni, List<String> alpn) {
    /** Where the bytes received so far leave the parse. */
    public sealed interface Result permits Complete, NeedMore, NotClientHello { }

    /** A whole ClientHello. */
    public record Complete(ClientHello hello) implements Result { }

    /** A ClientHello so far; more bytes are needed. */
    public record NeedMore() implements Result { }

    /** The bytes are not a TLS ClientHello. */
    public record NotClientHello(String why) implements Result { }

    /** A ClientHello larger than this is not waited for (a real one is a few hundred bytes to a few KiB). */
    public static final int MAX_HELLO_BYTES = 64 * 1024;

    private static final int RECORD_HANDSHAKE = 22;
    private static final int HANDSHAKE_CLIENT_HELLO = 1;
    private static final int EXTENSION_SERVER_NAME = 0;
    private static final int EXTENSION_ALPN = 16;

    /** Parses the start of a connection: {@code bytes[0..length)}. */
    public static Result parse(byte[] bytes, int length) {
        // Gather the handshake bytes out of the records received so far.
        byte[] handshake = new byte[Math.min(length, MAX_HELLO_BYTES)];
        int handshakeLength = 0;
        int at = 0;
        while (at < length) {
            if (length - at < 5) {
                return at == 0 && length > 0 && (bytes[0] & 0xff) != RECORD_HANDSHAKE
                        ? new NotClientHello("not a TLS handshake record") : new NeedMore();
            }
            if ((bytes[at] & 0xff) != RECORD_HANDSHAKE || (bytes[at + 1] & 0xff) != 3) {
                return new NotClientHello("not a TLS handshake record");
            }
            int recordLength = u16(bytes, at + 3);
            if (length - at - 5 < recordLength) {
                int partial = Math.min(length - at - 5, handshake.length - handshakeLength);
                System.arraycopy(bytes, at + 5, handshake, handshakeLength, partial);
                handshakeLength += partial;
                break;
            }
            if (handshakeLength + recordLength > handshake.length) {
                return new NotClientHello("a ClientHello over " + MAX_HELLO_BYTES + " bytes");
            }
            System.arraycopy(bytes, at + 5, handshake, handshakeLength, recordLength);
            handshakeLength += recordLength;
            at += 5 + recordLength;
        }
        if (handshakeLength < 4) {
            return new NeedMore();
        }
        if ((handshake[0] & 0xff) != HANDSHAKE_CLIENT_HELLO) {
            return new NotClientHello("a TLS handshake that does not start with a ClientHello");
        }
        int helloLength = ((handshake[1] & 0xff) << 16) | u16(handshake, 2);
        if (helloLength + 4 > MAX_HELLO_BYTES) {
            return new NotClientHello("a ClientHello over " + MAX_HELLO_BYTES + " bytes");
        }
        if (handshakeLength < 4 + helloLength) {
            return new NeedMore();
        }
        try {
            return new Complete(readHello(handshake, 4, 4 + helloLength));
        } catch (IndexOutOfBoundsException e) {
            return new NotClientHello("a malformed ClientHello");
        }
    }

    private static ClientHello readHello(byte[] b, int start, int end) {
        int at = start + 2 + 32;                 // client_version, random
        at += 1 + (b[at] & 0xff);                // session_id
        at += 2 + u16(b, at);                    // cipher_suites
        at += 1 + (b[at] & 0xff);                // compression_methods
        String sni = null;
        List<String> alpn = new ArrayList<>();
        if (at >= end) {
            return new ClientHello(null, List.of());   // no extensions at all
        }
        int extensionsEnd = at + 2 + u16(b, at);
        at += 2;
        check(extensionsEnd <= end);
        while (at + 4 <= extensionsEnd) {
            int type = u16(b, at);
            int length = u16(b, at + 2);
            int body = at + 4;
            check(body + length <= extensionsEnd);
            if (type == EXTENSION_SERVER_NAME) {
                sni = readServerName(b, body, body + length);
            } else if (type == EXTENSION_ALPN) {
                int listEnd = body + 2 + u16(b, body);
                check(listEnd <= body + length);
                for (int p = body + 2; p < listEnd; ) {
                    int n = b[p] & 0xff;
                    check(p + 1 + n <= listEnd);
                    alpn.add(new String(b, p + 1, n, StandardCharsets.US_ASCII));
                    p += 1 + n;
                }
            }
            at = body + length;
        }
        return new ClientHello(sni, alpn);
    }

    private static String readServerName(byte[] b, int start, int end) {
        int listEnd = start + 2 + u16(b, start);
        check(listEnd <= end);
        for (int p = start + 2; p + 3 <= listEnd; ) {
            int nameType = b[p] & 0xff;
            int n = u16(b, p + 1);
            check(p + 3 + n <= listEnd);
            if (nameType == 0) {
                return new String(b, p + 3, n, StandardCharsets.US_ASCII);
            }
            p += 3 + n;
        }
        return null;
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IndexOutOfBoundsException("a length runs past its container");
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
