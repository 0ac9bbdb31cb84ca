package org.telltale.formats.pcap.proto;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The start of a QUIC CRYPTO stream, put back together from frames that may come in any order,
 * repeat or overlap, up to a fixed number of bytes. Bytes past that cap are dropped.
 */
final class CryptoStream {
    private static final int CLIENT_HELLO = 1;
    private static final int HEADER = 4;

    private final int cap;
    private final BitSet filled = new BitSet();
    private byte[] data = new byte[0];

    /** @param cap how many bytes from offset 0 are kept at most */
    CryptoStream(int cap) {
        this.cap = cap;
    }

    /** Copies one CRYPTO frame's data in at its stream offset; what lies past the cap is dropped. */
    void add(long offset, byte[] src, int from, int length) {
        if (offset < 0 || offset >= cap || length <= 0) {
            return;
        }
        int start = (int) offset;
        int n = (int) Math.min(length, cap - offset);
        int end = start + n;
        if (end > data.length) {
            // grows by doubling so that frames arriving in order do not copy the buffer each time
            data = Arrays.copyOf(data, Math.min(cap, Math.max(end, 2 * data.length)));
        }
        System.arraycopy(src, from, data, start, n);
        filled.set(start, end);
    }

    /** How many bytes from offset 0 are held without a gap. */
    int contiguous() {
        return filled.nextClearBit(0);
    }

    /** The ClientHello once the bytes from offset 0 hold it whole; null while they do not, or when it is malformed. */
    ClientHelloInfo clientHello() {
        int need = helloLength();
        if (need < 0 || need > cap || need > contiguous()) {
            return null;
        }
        return TlsClientHello.parseHandshake(data, 0, need);
    }

    /**
     * Whether these bytes can never give a ClientHello: the first message is another one, it
     * claims more bytes than the cap, or it is whole and still unreadable.
     */
    boolean hopeless() {
        if (filled.get(0) && (data[0] & 0xFF) != CLIENT_HELLO) {
            return true;
        }
        int need = helloLength();
        return need > cap || need > 0 && need <= contiguous() && clientHello() == null;
    }

    /** The length of the first handshake message with its header, or -1 while its header is incomplete. */
    private int helloLength() {
        if (contiguous() < HEADER) {
            return -1;
        }
        return HEADER + ((data[1] & 0xFF) << 16 | (data[2] & 0xFF) << 8 | data[3] & 0xFF);
    }
}
