package org.telltale.core.detect.builtin;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The names in an NTLM AUTHENTICATE (type 3) message, the last of NTLM's three messages, which
 * carries the user's domain, user name and workstation name in clear ([MS-NLMP] 2.2.1.3).
 *
 * <p>Read by hand: the layout is one fixed 64-byte header of security buffers (length, room,
 * offset), and no maintained library reads it. The JDK's NTLM client is internal
 * ({@code com.sun.security.ntlm}), Apache HttpClient's engine only writes messages and is not public,
 * and jCIFS would bring a whole SMB stack for six fields. Every length and offset is checked
 * against the message before it is read, since the bytes come from a capture.
 *
 * @param domain      the user's domain ("" when none)
 * @param user        the user name
 * @param workstation the client's computer name ("" when none)
 */
record NtlmAuthenticate(String domain, String user, String workstation) {
    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 52;
    private static final int DOMAIN = 28;
    private static final int USER = 36;
    private static final int WORKSTATION = 44;
    private static final int FLAGS = 60;
    private static final int NEGOTIATE_UNICODE = 0x1;
    /** Names longer than this are no names (the limits are 15 to 256 characters). */
    private static final int MAX_NAME_BYTES = 1024;

    /** The names of a type 3 message, or null when m is not a well-formed one. */
    static NtlmAuthenticate parse(byte[] m) {
        if (m.length < HEADER || !startsWithSignature(m) || u32(m, 8) != 3) {
            return null;
        }
        // Old type 3 messages end the header before the flags; they are OEM text then.
        boolean unicode = m.length >= FLAGS + 4 && (u32(m, FLAGS) & NEGOTIATE_UNICODE) != 0;
        Charset charset = unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1;
        String domain = field(m, DOMAIN, charset);
        String user = field(m, USER, charset);
        String workstation = field(m, WORKSTATION, charset);
        if (domain == null || user == null || workstation == null || user.isEmpty()) {
            return null;
        }
        return new NtlmAuthenticate(domain, user, workstation);
    }

    /** The user as Windows writes it: DOMAIN\\user, or the bare user without a domain. */
    String qualifiedUser() {
        return domain.isEmpty() ? user : domain + "\\" + user;
    }

    private static String field(byte[] m, int at, Charset charset) {
        int length = u16(m, at);
        long offset = u32(m, at + 4);
        if (length == 0) {
            return "";
        }
        if (length > MAX_NAME_BYTES || offset < HEADER || offset + length > m.length
                || charset == StandardCharsets.UTF_16LE && length % 2 != 0) {
            return null;
        }
        String s = new String(m, (int) offset, length, charset);
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return null; // a name has no control characters; these bytes are something else
            }
        }
        return s;
    }

    private static boolean startsWithSignature(byte[] m) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (m[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] m, int at) {
        return (m[at] & 0xff) | (m[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] m, int at) {
        return (m[at] & 0xffL) | (m[at + 1] & 0xffL) << 8 | (m[at + 2] & 0xffL) << 16 | (m[at + 3] & 0xffL) << 24;
    }
}
