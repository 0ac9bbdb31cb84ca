package org.telltale.formats.pcap.proto;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads the TLS ClientHello from a client's QUIC Initial datagram (RFC 9000 section 17.2.2,
 * RFC 9001 section 5): removes the header protection, opens the payload with the keys derived
 * from the destination connection ID, puts the CRYPTO frames back in offset order and reads the
 * ClientHello. QUIC versions 1 and 2 are known; anything else gives null. A hello split over
 * several datagrams is put together by {@link QuicHelloReassembler}, which opens each datagram with
 * {@link #open}.
 */
public final class QuicInitial {
    private static final int MAX_CID = 20;
    private static final int SAMPLE = 16;
    private static final int TAG = 16;
    /** A datagram carries at most a handful of coalesced packets. */
    private static final int MAX_PACKETS = 8;
    private static final int MAX_ACK_RANGES = 256;
    private static final int FRAME_PADDING = 0x00;
    private static final int FRAME_PING = 0x01;
    private static final int FRAME_ACK = 0x02;
    private static final int FRAME_ACK_ECN = 0x03;
    private static final int FRAME_CRYPTO = 0x06;

    private QuicInitial() {
    }

    /**
     * The SNI and ALPN of the ClientHello in this UDP payload, or null when it is not a QUIC v1 or
     * v2 client Initial holding a whole ClientHello (a hello split over several datagrams gives null).
     */
    public static ClientHelloInfo parse(byte[] buf, int off, int len) {
        CryptoStream crypto = new CryptoStream(TlsClientHello.MAX_HELLO);
        for (Opened packet : open(buf, off, len, 0, null)) {
            for (CryptoFrame f : packet.crypto()) {
                crypto.add(f.offset(), f.data(), 0, f.data().length);
            }
        }
        return crypto.clientHello();
    }

    /**
     * One client Initial packet, opened.
     *
     * @param version    the QUIC version it carried
     * @param dcid       its destination connection ID
     * @param byFallback whether the fallback keys opened it rather than those of its own DCID
     * @param crypto     its CRYPTO frames, in packet order
     */
    record Opened(int version, byte[] dcid, boolean byFallback, List<CryptoFrame> crypto) {
    }

    /**
     * The data of one CRYPTO frame.
     *
     * @param offset where it lies in the CRYPTO stream
     * @param data   the bytes it carried
     */
    record CryptoFrame(long offset, byte[] data) {
    }

    /**
     * Opens the client Initial packets at the start of this UDP payload, coalesced packets
     * included, and stops at the first packet that is not one. Each packet is opened with the
     * keys of its own destination connection ID or, failing that, with the fallback keys when
     * given for its version: a client that heard the server's Initial switches to the server's
     * connection ID but keeps the keys of its first DCID (RFC 9001 section 5.2).
     */
    static List<Opened> open(byte[] buf, int off, int len, int fallbackVersion, QuicInitialKeys fallbackKeys) {
        List<Opened> out = new ArrayList<>();
        if (buf == null || off < 0 || len <= 0 || off > buf.length - len) {
            return out;
        }
        try {
            int p = off;
            int end = off + len;
            for (int i = 0; i < MAX_PACKETS && p < end; i++) {
                int next = openInitial(buf, p, end, fallbackVersion, fallbackKeys, out);
                if (next < 0) {
                    break;
                }
                p = next;
            }
        } catch (GeneralSecurityException e) {
            return out;
        }
        return out;
    }

    /**
     * Opens one Initial packet starting at p and adds it to out; returns where the next coalesced
     * packet starts, or -1 when this is not a readable Initial.
     */
    private static int openInitial(byte[] buf, int p, int end, int fallbackVersion, QuicInitialKeys fallbackKeys,
                                   List<Opened> out) throws GeneralSecurityException {
        if (end - p < 7) {
            return -1;
        }
        int first = buf[p] & 0xFF;
        if ((first & 0xC0) != 0xC0) {
            return -1;
        }
        int version = (buf[p + 1] & 0xFF) << 24 | (buf[p + 2] & 0xFF) << 16 | (buf[p + 3] & 0xFF) << 8 | buf[p + 4] & 0xFF;
        int type = (first >> 4) & 3;
        boolean initial = version == QuicInitialKeys.VERSION_1 && type == 0 || version == QuicInitialKeys.VERSION_2 && type == 1;
        if (!initial) {
            return -1;
        }
        Reader r = new Reader(buf, p + 5, end);
        int dcidLen = r.u8();
        if (dcidLen < 0 || dcidLen > MAX_CID || !r.has(dcidLen)) {
            return -1;
        }
        byte[] dcid = Arrays.copyOfRange(buf, r.pos, r.pos + dcidLen);
        r.pos += dcidLen;
        int scidLen = r.u8();
        if (scidLen < 0 || scidLen > MAX_CID || !r.skip(scidLen)) {
            return -1;
        }
        long tokenLen = r.varint();
        if (tokenLen < 0 || !r.skip(tokenLen)) {
            return -1;
        }
        long length = r.varint();
        int pnOffset = r.pos;
        if (length < 4 + SAMPLE || length > end - pnOffset) {
            return -1;
        }
        int packetEnd = pnOffset + (int) length;
        boolean byFallback = false;
        byte[] plain = unprotect(buf, p, pnOffset, packetEnd, QuicInitialKeys.forClient(version, dcid));
        if (plain == null && fallbackKeys != null && fallbackVersion == version) {
            plain = unprotect(buf, p, pnOffset, packetEnd, fallbackKeys);
            byFallback = true;
        }
        if (plain == null) {
            return -1;
        }
        out.add(new Opened(version, dcid, byFallback, cryptoFrames(plain)));
        return packetEnd;
    }

    /**
     * Removes the header protection of the packet from p to packetEnd and opens its payload; null
     * when these keys do not authenticate it.
     */
    private static byte[] unprotect(byte[] buf, int p, int pnOffset, int packetEnd, QuicInitialKeys keys)
            throws GeneralSecurityException {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.hp(), "AES"));
        byte[] mask = ecb.doFinal(buf, pnOffset + 4, SAMPLE);
        int unprotectedFirst = (buf[p] & 0xFF) ^ (mask[0] & 0x0F);
        int pnLen = (unprotectedFirst & 3) + 1;
        byte[] header = Arrays.copyOfRange(buf, p, pnOffset + pnLen);
        header[0] = (byte) unprotectedFirst;
        byte[] nonce = keys.iv().clone();
        for (int i = 0; i < pnLen; i++) {
            int at = pnOffset - p + i;
            header[at] ^= mask[1 + i];
            nonce[nonce.length - pnLen + i] ^= header[at];
        }
        int payload = pnOffset + pnLen;
        if (packetEnd - payload < TAG) {
            return null;
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(TAG * 8, nonce));
        gcm.updateAAD(header);
        try {
            return gcm.doFinal(buf, payload, packetEnd - payload);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** The CRYPTO frames of a decrypted payload, up to the first frame kind an Initial does not carry. */
    private static List<CryptoFrame> cryptoFrames(byte[] plain) {
        List<CryptoFrame> out = new ArrayList<>();
        Reader r = new Reader(plain, 0, plain.length);
        while (r.pos < plain.length) {
            long type = r.varint();
            if (type == FRAME_PADDING || type == FRAME_PING) {
                continue;
            }
            if (type == FRAME_ACK || type == FRAME_ACK_ECN) {
                if (!skipAck(r, type == FRAME_ACK_ECN)) {
                    return out;
                }
            } else if (type == FRAME_CRYPTO) {
                long offset = r.varint();
                long length = r.varint();
                if (offset < 0 || length < 0 || !r.has(length)) {
                    return out;
                }
                if (length > 0) {
                    out.add(new CryptoFrame(offset, Arrays.copyOfRange(plain, r.pos, r.pos + (int) length)));
                }
                r.pos += (int) length;
            } else {
                return out;
            }
        }
        return out;
    }

    private static boolean skipAck(Reader r, boolean ecn) {
        r.varint();
        r.varint();
        long ranges = r.varint();
        if (r.varint() < 0 || ranges < 0 || ranges > MAX_ACK_RANGES) {
            return false;
        }
        for (long i = 0; i < 2 * ranges + (ecn ? 3 : 0); i++) {
            if (r.varint() < 0) {
                return false;
            }
        }
        return true;
    }

    /** Bounded reads of bytes and QUIC variable-length integers (RFC 9000 section 16). */
    private static final class Reader {
        private final byte[] buf;
        private final int end;
        int pos;

        Reader(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        boolean has(long n) {
            return n >= 0 && n <= end - pos;
        }

        boolean skip(long n) {
            if (!has(n)) {
                return false;
            }
            pos += (int) n;
            return true;
        }

        int u8() {
            return pos < end ? buf[pos++] & 0xFF : -1;
        }

        /** The next variable-length integer, or -1 when the bytes end inside it. */
        long varint() {
            if (pos >= end) {
                return -1;
            }
            int size = 1 << ((buf[pos] & 0xFF) >> 6);
            if (end - pos < size) {
                pos = end;
                return -1;
            }
            long v = buf[pos] & 0x3F;
            for (int i = 1; i < size; i++) {
                v = v << 8 | buf[pos + i] & 0xFF;
            }
            pos += size;
            return v;
        }
    }
}
