package org.telltale.formats.pcap;

/**
 * Writes IP addresses in the one text form the rest of Telltale uses (the HAR reader, the
 * attribution lookup): IPv4 as a dotted quad, IPv6 as RFC 5952 says (lower case, no leading zeros,
 * the longest run of two or more zero groups as "::", an IPv4-mapped address ending in a dotted quad).
 */
public final class IpText {
    private IpText() {
    }

    /** The address in {@code b} from {@code at}, {@code length} 4 (IPv4) or 16 (IPv6) bytes long. */
    public static String format(byte[] b, int at, int length) {
        if (length == 4) {
            return dotted(b, at, new StringBuilder(15)).toString();
        }
        int[] words = new int[8];
        for (int k = 0; k < 8; k++) {
            words[k] = ((b[at + 2 * k] & 0xFF) << 8) | (b[at + 2 * k + 1] & 0xFF);
        }
        if (isIpv4Mapped(words)) {
            return dotted(b, at + 12, new StringBuilder(22).append("::ffff:")).toString();
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

    private static boolean isIpv4Mapped(int[] words) {
        for (int k = 0; k < 5; k++) {
            if (words[k] != 0) {
                return false;
            }
        }
        return words[5] == 0xFFFF;
    }

    private static StringBuilder dotted(byte[] b, int at, StringBuilder s) {
        return s.append(b[at] & 0xFF).append('.').append(b[at + 1] & 0xFF).append('.').append(b[at + 2] & 0xFF)
                .append('.').append(b[at + 3] & 0xFF);
    }
}
