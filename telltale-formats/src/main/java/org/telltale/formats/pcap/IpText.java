package org.telltale.formats.pcap;

/** Formats IPv4 and IPv6 addresses the way tools print them (IPv6 compressed per RFC 5952). */
final class IpText {
    private IpText() {
    }

    static String format(byte[] b, int at, int length) {
        if (length == 4) {
            return (b[at] & 0xFF) + "." + (b[at + 1] & 0xFF) + "." + (b[at + 2] & 0xFF) + "." + (b[at + 3] & 0xFF);
        }
        int[] words = new int[8];
        for (int k = 0; k < 8; k++) {
            words[k] = Bytes.uint16(b, at + 2 * k);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int k = 0; k < 8; ) {
            if (words[k] != 0) {
                k++;
                continue;
            }
            int end = k;
            while (end < 8 && words[end] == 0) {
                end++;
            }
            if (end - k > bestLength) {
                bestStart = k;
                bestLength = end - k;
            }
            k = end;
        }
        StringBuilder s = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                s.append("::");
                k += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(words[k]));
        }
        return s.toString();
    }
}
