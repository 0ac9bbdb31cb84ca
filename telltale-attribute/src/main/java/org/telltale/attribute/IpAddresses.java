package org.telltale.attribute;

/**
 * Parses IP literals by hand, without ever asking DNS and without allocating for IPv4; anything that is
 * not a literal is simply not an address. Accepts what Guava's {@code InetAddresses} accepts, except
 * that a plain IPv4 address may have octets with leading zeros.
 */
final class IpAddresses {
    /** The upper 96 bits of the NAT64 well-known prefix 64:ff9b::/96 (RFC 6052), high half. */
    private static final long NAT64_HIGH = 0x0064_ff9b_0000_0000L;

    /** Longest literal worth parsing: a full IPv6 address with an embedded IPv4 part and a short zone. */
    private static final int MAX_LITERAL = 64;

    private IpAddresses() {
    }

    /**
     * @return the dotted-quad IPv4 address as an unsigned 32-bit value, or -1 when the text is not one
     */
    static long parseV4(String text) {
        return parseV4(text, 0, text.length(), true);
    }

    private static long parseV4(String text, int from, int to, boolean leadingZeros) {
        int length = to - from;
        if (length < 7 || length > 15) {
            return -1;
        }
        long address = 0;
        int octet = -1;
        int dots = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (octet == 0 && !leadingZeros) {
                    return -1;
                }
                octet = octet < 0 ? c - '0' : octet * 10 + (c - '0');
                if (octet > 255) {
                    return -1;
                }
            } else if (c == '.' && octet >= 0 && dots < 3) {
                address = (address << 8) | octet;
                octet = -1;
                dots++;
            } else {
                return -1;
            }
        }
        if (dots != 3 || octet < 0) {
            return -1;
        }
        return (address << 8) | octet;
    }

    /**
     * Parses an IPv6 literal, with or without brackets or a zone ("%eth0"). An address that stands for an
     * IPv4 host comes back as that IPv4 value alone, so it is attributed as the host it reaches: an
     * IPv4-mapped address ("::ffff:1.2.3.4") and an address of the NAT64 well-known prefix 64:ff9b::/96
     * (RFC 6052, "64:ff9b::1.2.3.4" or "64:ff9b::102:304"), through which an IPv6-only phone reaches IPv4 servers.
     *
     * @return {hi, lo} 64-bit halves, {v4} for an IPv4-mapped or NAT64 address, or null when the text is not an
     *         IPv6 literal
     */
    static long[] parseV6(String text) {
        int from = 0;
        int to = text.length();
        if (to > MAX_LITERAL || text.indexOf(':') < 0) {
            return null;
        }
        if (to >= 2 && text.charAt(0) == '[' && text.charAt(to - 1) == ']') {
            from++;
            to--;
        }
        int zone = text.indexOf('%', from);
        if (zone >= 0 && zone < to) {
            to = zone;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" stands
        int i = from;
        if (to - from >= 2 && text.charAt(from) == ':' && text.charAt(from + 1) == ':') {
            gap = 0;
            i += 2;
        }
        while (i < to) {
            int end = i;
            while (end < to && text.charAt(end) != ':') {
                end++;
            }
            if (text.indexOf('.', i) >= 0 && text.indexOf('.', i) < end) {
                long v4 = end == to && count <= 6 ? parseV4(text, i, end, false) : -1;
                if (v4 < 0) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
            } else {
                int group = hexGroup(text, i, end);
                if (group < 0 || count == 8) {
                    return null;
                }
                groups[count++] = group;
            }
            if (end == to) {
                break;
            }
            if (end + 1 < to && text.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i = end + 2;
            } else {
                i = end + 1;
                if (i == to) {
                    return null;
                }
            }
        }
        if (gap >= 0 ? count > 7 : count != 8) {
            return null;
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 8; g++) {
            int value = group(groups, count, gap, g);
            if (g < 4) {
                high = (high << 16) | value;
            } else {
                low = (low << 16) | value;
            }
        }
        if ((high == 0 && (low >>> 32) == 0xFFFFL) || (high == NAT64_HIGH && (low >>> 32) == 0)) {
            return new long[] {low & 0xFFFFFFFFL};
        }
        return new long[] {high, low};
    }

    /** The g-th of the 8 groups, given the groups written and where "::" stood (-1 for nowhere). */
    private static int group(int[] groups, int count, int gap, int g) {
        if (gap < 0 || g < gap) {
            return groups[g];
        }
        int skipped = 8 - count;
        return g < gap + skipped ? 0 : groups[g - skipped];
    }

    private static int hexGroup(String text, int from, int to) {
        if (to - from < 1 || to - from > 4) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0 || text.charAt(i) > 'f') {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
