package org.telltale.formats.pcap;

/**
 * Names one connection whichever way its packet goes: both ends, the lower end first. Held as
 * numbers rather than bytes, since one key is made and looked up for every packet.
 */
final class FlowKey {
    /** The lower end's address (IPv4 in the low bits of {@code a2}, IPv6 over both). */
    private final long a1;
    private final long a2;
    /** The higher end's address, in the same way. */
    private final long b1;
    private final long b2;
    /** The lower end's port above the higher end's, and the address length. */
    private final long ports;
    private final int hash;

    private FlowKey(long a1, long a2, long b1, long b2, long ports) {
        this.a1 = a1;
        this.a2 = a2;
        this.b1 = b1;
        this.b2 = b2;
        this.ports = ports;
        long h = a1 * 0x9E3779B97F4A7C15L + a2;
        h = h * 0x9E3779B97F4A7C15L + b1;
        h = h * 0x9E3779B97F4A7C15L + b2;
        h = h * 0x9E3779B97F4A7C15L + ports;
        this.hash = (int) (h ^ h >>> 32);
    }

    static FlowKey of(byte[] a, int aPort, byte[] b, int bPort) {
        long x1 = high(a);
        long x2 = low(a);
        long y1 = high(b);
        long y2 = low(b);
        int order = x1 != y1 ? Long.compareUnsigned(x1, y1) : Long.compareUnsigned(x2, y2);
        boolean aFirst = order < 0 || order == 0 && aPort <= bPort;
        long ports = aFirst ? (long) aPort << 16 | bPort : (long) bPort << 16 | aPort;
        ports |= (long) a.length << 32;
        return aFirst ? new FlowKey(x1, x2, y1, y2, ports) : new FlowKey(y1, y2, x1, x2, ports);
    }

    /** The first 8 bytes of an IPv6 address; 0 for IPv4. */
    private static long high(byte[] address) {
        return address.length == 16 ? bigEndian(address, 0) : 0;
    }

    /** The last 8 bytes of an IPv6 address, or the IPv4 address. */
    private static long low(byte[] address) {
        if (address.length == 16) {
            return bigEndian(address, 8);
        }
        return Integer.toUnsignedLong(Bytes.int32(address, 0));
    }

    private static long bigEndian(byte[] b, int at) {
        return (long) Bytes.int32(b, at) << 32 | Integer.toUnsignedLong(Bytes.int32(b, at + 4));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k && hash == k.hash && a1 == k.a1 && a2 == k.a2 && b1 == k.b1 && b2 == k.b2
                && ports == k.ports;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
