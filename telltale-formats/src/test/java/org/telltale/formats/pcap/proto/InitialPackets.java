package org.telltale.formats.pcap.proto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds protected QUIC client Initial packets the way a client does (RFC 9000 section 17.2.2,
 * RFC 9001 section 5): the inverse of the reader, so tests can split a ClientHello over packets at
 * will. Keys come from {@link QuicInitialKeys}, which QuicInitialTest anchors to the published
 * RFC 9001 and RFC 9369 values.
 */
public final class InitialPackets {
    /** The destination connection ID of RFC 9001 appendix A. */
    public static final byte[] RFC_DCID = HexFormat.of().parseHex("8394c8f03e515708");
    /** Clients pad datagrams that carry Initials to at least this (RFC 9000 section 14.1). */
    static final int MIN_DATAGRAM = 1200;

    private InitialPackets() {
    }

    /** A QUIC variable-length integer in its shortest form. */
    public static byte[] varint(long v) {
        if (v < 0x40) {
            return new byte[] {(byte) v};
        }
        if (v < 0x4000) {
            return new byte[] {(byte) (0x40 | v >> 8), (byte) v};
        }
        return new byte[] {(byte) (0x80 | v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    /** A CRYPTO frame carrying bytes [from, to) of the stream. */
    public static byte[] crypto(byte[] stream, int from, int to) {
        return concat(new byte[] {0x06}, varint(from), varint(to - from), Arrays.copyOfRange(stream, from, to));
    }

    /** An ACK frame acknowledging packet 0 only. */
    public static byte[] ack() {
        return new byte[] {0x02, 0x00, 0x00, 0x00, 0x00};
    }

    public static byte[] ping() {
        return new byte[] {0x01};
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** One protected v1 Initial whose frames are padded so that the packet is {@code size} bytes. */
    public static byte[] initial(byte[] dcid, long packetNumber, byte[] frames, int size) {
        return initial(QuicInitialKeys.VERSION_1, dcid, dcid, packetNumber, frames, size);
    }

    /**
     * One protected client Initial: header, packet number of 4 bytes, frames padded with PADDING
     * frames up to {@code size} bytes (when they are shorter), sealed with the keys of
     * {@code keyDcid} while the header carries {@code dcid}.
     */
    static byte[] initial(int version, byte[] dcid, byte[] keyDcid, long packetNumber, byte[] frames, int size) {
        QuicInitialKeys keys = QuicInitialKeys.forClient(version, keyDcid);
        byte[] scid = HexFormat.of().parseHex("c0ffee01");
        int pnLen = 4;
        int type = version == QuicInitialKeys.VERSION_1 ? 0 : 1;
        byte[] prefix = concat(new byte[] {(byte) (0xC0 | type << 4 | pnLen - 1)}, int32(version),
                new byte[] {(byte) dcid.length}, dcid, new byte[] {(byte) scid.length}, scid, varint(0));
        int headerLen = prefix.length + 2 + pnLen;
        int plainLen = Math.max(frames.length, Math.max(4, size - headerLen - 16));
        byte[] plain = Arrays.copyOf(frames, plainLen);
        int length = pnLen + plainLen + 16;
        byte[] header = concat(prefix, new byte[] {(byte) (0x40 | length >> 8), (byte) length}, int32(packetNumber));
        byte[] nonce = keys.iv().clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (packetNumber >> 8 * i);
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(header);
            byte[] packet = concat(header, gcm.doFinal(plain));
            int pnOffset = header.length - pnLen;
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.hp(), "AES"));
            byte[] mask = ecb.doFinal(packet, pnOffset + 4, 16);
            packet[0] ^= (byte) (mask[0] & 0x0F);
            for (int i = 0; i < pnLen; i++) {
                packet[pnOffset + i] ^= mask[1 + i];
            }
            return packet;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] int32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    /**
     * A TLS 1.3 ClientHello handshake message (RFC 8446 section 4.1.2) with server_name, ALPN,
     * supported_versions and a key_share of {@code keyShareBytes} bytes, as the X25519MLKEM768
     * share (1216 bytes) makes hellos of modern browsers too large for one Initial.
     */
    public static byte[] clientHello(String sni, List<String> alpn, int keyShareBytes) {
        byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
        byte[] serverName = concat(u16(3 + name.length), new byte[] {0}, u16(name.length), name);
        ByteArrayOutputStream protocols = new ByteArrayOutputStream();
        for (String p : alpn) {
            protocols.write(p.length());
            protocols.writeBytes(p.getBytes(StandardCharsets.US_ASCII));
        }
        byte[] alpnBody = concat(u16(protocols.size()), protocols.toByteArray());
        byte[] share = new byte[keyShareBytes];
        for (int i = 0; i < share.length; i++) {
            share[i] = (byte) (i * 31 + 7);
        }
        byte[] keyShare = concat(u16(4 + share.length), u16(0x11EC), u16(share.length), share);
        byte[] extensions = concat(extension(0, serverName), extension(16, alpnBody),
                extension(43, new byte[] {2, 3, 4}), extension(51, keyShare));
        byte[] random = new byte[32];
        Arrays.fill(random, (byte) 0x5A);
        byte[] body = concat(new byte[] {3, 3}, random, new byte[] {0}, u16(6), new byte[] {0x13, 1, 0x13, 2, 0x13, 3},
                new byte[] {1, 0}, u16(extensions.length), extensions);
        return concat(new byte[] {1, (byte) (body.length >> 16), (byte) (body.length >> 8), (byte) body.length}, body);
    }

    private static byte[] extension(int type, byte[] body) {
        return concat(u16(type), u16(body.length), body);
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }
}
