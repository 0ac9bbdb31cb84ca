package org.telltale.testkit.pcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Wraps IP packets in the link-layer headers of the common capture link types. */
public enum LinkFraming {
    /** Ethernet II (link type 1). */
    ETHERNET(1),
    /** Ethernet with one 802.1Q VLAN tag. */
    ETHERNET_VLAN(1),
    /** Ethernet with two VLAN tags (802.1ad outer, 802.1Q inner). */
    ETHERNET_QINQ(1),
    /** Raw IP (LINKTYPE_RAW, 101), as PCAPdroid writes. */
    RAW(101),
    /** Raw IP under the old DLT_RAW number 12. */
    DLT_RAW(12),
    /** Raw IPv4 (228); use it with IPv4 packets only. */
    IPV4(228),
    /** Raw IPv6 (229); use it with IPv6 packets only. */
    IPV6(229),
    /** Linux cooked capture v1 (113). */
    SLL(113),
    /** Linux cooked capture v2 (276). */
    SLL2(276),
    /** BSD loopback (0): a 4-byte address family in the writer's (here little-endian) byte order. */
    NULL(0),
    /** OpenBSD loopback (108): a 4-byte address family in network byte order. */
    LOOP(108);

    private static final byte[] CLIENT_MAC = {2, 0, 0, 0, 0, 1};
    private static final byte[] SERVER_MAC = {2, 0, 0, 0, 0, 2};

    private final int linkType;

    LinkFraming(int linkType) {
        this.linkType = linkType;
    }

    /** The link type number written in the file header. */
    public int linkType() {
        return linkType;
    }

    /** The frame carrying this IP packet. */
    public byte[] frame(byte[] ip) {
        boolean v6 = (ip[0] >> 4) == 6;
        int etherType = v6 ? 0x86DD : 0x0800;
        return switch (this) {
            case ETHERNET -> ethernet(ip, etherType, 0);
            case ETHERNET_VLAN -> ethernet(ip, etherType, 1);
            case ETHERNET_QINQ -> ethernet(ip, etherType, 2);
            case RAW, DLT_RAW, IPV4, IPV6 -> ip.clone();
            case SLL -> ByteBuffer.allocate(16 + ip.length).putShort((short) 0).putShort((short) 1)
                    .putShort((short) 6).put(CLIENT_MAC).putShort((short) 0).putShort((short) etherType).put(ip)
                    .array();
            case SLL2 -> ByteBuffer.allocate(20 + ip.length).putShort((short) etherType).putShort((short) 0)
                    .putInt(3).putShort((short) 1).put((byte) 4).put((byte) 6).put(CLIENT_MAC).putShort((short) 0)
                    .put(ip).array();
            case NULL -> ByteBuffer.allocate(4 + ip.length).order(ByteOrder.LITTLE_ENDIAN).putInt(v6 ? 30 : 2)
                    .put(ip).array();
            case LOOP -> ByteBuffer.allocate(4 + ip.length).putInt(v6 ? 24 : 2).put(ip).array();
        };
    }

    private static byte[] ethernet(byte[] ip, int etherType, int tags) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * tags + ip.length);
        b.put(SERVER_MAC).put(CLIENT_MAC);
        if (tags == 2) {
            b.putShort((short) 0x88A8).putShort((short) 100);
        }
        if (tags >= 1) {
            b.putShort((short) 0x8100).putShort((short) 42);
        }
        b.putShort((short) etherType).put(ip);
        return b.array();
    }

    /**
     * An Ethernet frame the way PCAPdroid writes it with its trailer enabled: the IP packet, padding to a multiple
     * of 4 bytes, then a 32-byte trailer (magic 0x01072021, the app's UID, its name in 20 bytes, a checksum).
     */
    public static byte[] pcapdroidTrailer(byte[] ip, int uid, String appName) {
        int padding = (4 - (14 + ip.length) % 4) % 4;
        ByteBuffer b = ByteBuffer.allocate(14 + ip.length + padding + 32);
        b.put(SERVER_MAC).put(CLIENT_MAC).putShort((short) ((ip[0] >> 4) == 6 ? 0x86DD : 0x0800)).put(ip);
        b.position(b.position() + padding);
        byte[] name = new byte[20];
        byte[] given = appName.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(given, 0, name, 0, Math.min(19, given.length));
        b.putInt(0x01072021).putInt(uid).put(name).putInt(0);
        return b.array();
    }
}
