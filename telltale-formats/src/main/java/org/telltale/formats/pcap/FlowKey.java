package org.telltale.formats.pcap;

import java.util.Arrays;

/** Names one TCP connection whichever way its packet goes: both ends, the lower end first. */
final class FlowKey {
    private final byte[] bytes;
    private final int hash;

    private FlowKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    static FlowKey of(byte[] a, int aPort, byte[] b, int bPort) {
        int order = Arrays.compareUnsigned(a, b);
        boolean aFirst = order < 0 || order == 0 && aPort <= bPort;
        byte[] k = new byte[2 * a.length + 4];
        byte[] first = aFirst ? a : b;
        byte[] second = aFirst ? b : a;
        int firstPort = aFirst ? aPort : bPort;
        int secondPort = aFirst ? bPort : aPort;
        System.arraycopy(first, 0, k, 0, first.length);
        k[first.length] = (byte) (firstPort >> 8);
        k[first.length + 1] = (byte) firstPort;
        System.arraycopy(second, 0, k, first.length + 2, second.length);
        k[k.length - 2] = (byte) (secondPort >> 8);
        k[k.length - 1] = (byte) secondPort;
        return new FlowKey(k);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
