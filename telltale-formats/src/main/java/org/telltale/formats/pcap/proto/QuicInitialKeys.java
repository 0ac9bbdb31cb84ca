package org.telltale.formats.pcap.proto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that protect a client's QUIC Initial packets. They derive from the destination
 * connection ID and a salt the version publishes (RFC 9001 section 5.2, RFC 9369 section 3.3), so
 * anyone on the path can remove this protection; it only guards against tampering.
 *
 * @param key the AEAD_AES_128_GCM key
 * @param iv  the 12-byte IV that the packet number is mixed into
 * @param hp  the header-protection key (AES-128 in ECB mode over a sample)
 */
record QuicInitialKeys(byte[] key, byte[] iv, byte[] hp) {
    static final int VERSION_1 = 0x00000001;
    static final int VERSION_2 = 0x6b3343cf;
    private static final byte[] SALT_V1 = hex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    private static final byte[] SALT_V2 = hex("0dede3def700a6db819381be6e269dcbf9bd2ed9");

    /** The client's Initial keys for a version this reader knows; null for any other version. */
    static QuicInitialKeys forClient(int version, byte[] destinationConnectionId) {
        byte[] salt;
        String prefix;
        if (version == VERSION_1) {
            salt = SALT_V1;
            prefix = "quic ";
        } else if (version == VERSION_2) {
            salt = SALT_V2;
            prefix = "quicv2 ";
        } else {
            return null;
        }
        try {
            byte[] initial = hmac(salt, destinationConnectionId);
            byte[] client = expandLabel(initial, "client in", 32);
            return new QuicInitialKeys(expandLabel(client, prefix + "key", 16), expandLabel(client, prefix + "iv", 12),
                    expandLabel(client, prefix + "hp", 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** HKDF-Expand-Label of TLS 1.3 (RFC 8446 section 7.1) with an empty context, for at most 32 bytes. */
    private static byte[] expandLabel(byte[] secret, String label, int length) throws GeneralSecurityException {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + full.length + 1 + 1];
        info[0] = (byte) (length >> 8);
        info[1] = (byte) length;
        info[2] = (byte) full.length;
        System.arraycopy(full, 0, info, 3, full.length);
        info[3 + full.length] = 0;
        info[4 + full.length] = 1;
        byte[] block = hmac(secret, info);
        byte[] out = new byte[length];
        System.arraycopy(block, 0, out, 0, length);
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
