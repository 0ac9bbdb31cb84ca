package org.telltale.attribute;

import com.google.common.net.InetAddresses;

import java.net.Inet4Address;
import java.net.InetAddress;

/** Parses IP literals without ever asking DNS; anything that is not a literal is simply not an address. */
final class IpAddresses {
    /** Longest literal worth parsing: a full IPv6 address with an embedded IPv4 part and a short zone. */
    private static final int MAX_LITERAL = 64;

    private IpAddresses() {
    }

    /**
     * @return the dotted-quad IPv4 address as an unsigned 32-bit value, or -1 when the text is not one
     */
    static long parseV4(String text) {
        int length = text.length();
        if (length < 7 || length > 15) {
            return -1;
        }
        long address = 0;
        int octet = -1;
        int dots = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
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
     * Parses an IPv6 literal, with or without brackets or a zone ("%eth0"). An IPv4-mapped address
     * ("::ffff:1.2.3.4") comes back as its IPv4 value alone.
     *
     * @return {hi, lo} 64-bit halves, {v4} for an IPv4-mapped address, or null when the text is not an IPv6 literal
     */
    static long[] parseV6(String text) {
        String literal = text;
        if (literal.length() > MAX_LITERAL || literal.indexOf(':') < 0) {
            return null;
        }
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!InetAddresses.isInetAddress(literal)) {
            return null;
        }
        InetAddress address = InetAddresses.forString(literal);
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return new long[] {((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFFL) << 16) | ((bytes[2] & 0xFFL) << 8) | (bytes[3] & 0xFFL)};
        }
        return new long[] {longAt(bytes, 0), longAt(bytes, 8)};
    }

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFFL);
        }
        return value;
    }
}
