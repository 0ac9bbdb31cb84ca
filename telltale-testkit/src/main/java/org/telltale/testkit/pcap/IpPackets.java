package org.telltale.testkit.pcap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Builds IPv4 and IPv6 packets around TCP and UDP payloads, and splits IPv4 packets into fragments. */
public final class IpPackets {
    public static final int TCP = 6;
    public static final int UDP = 17;

    private IpPackets() {
    }

    /** The raw bytes of a literal IP address ("10.0.0.1", "2001:db8::1"). */
    public static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }

    /** A TCP header (no options) followed by the payload; checksum left zero, as many capture NICs do. */
    public static byte[] tcp(int srcPort, int dstPort, int seq, int ack, int flags, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(seq).putInt(ack);
        b.put((byte) (5 << 4)).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    /** A UDP header followed by the payload. */
    public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    /** An IPv4 or IPv6 packet, chosen by the length of the addresses. */
    public static byte[] ip(byte[] src, byte[] dst, int protocol, int id, byte[] transport) {
        return src.length == 4 ? ipv4(src, dst, protocol, id, 0, false, transport) : ipv6(src, dst, protocol, transport);
    }

    /** An IPv4 packet; {@code fragmentOffset} counts bytes and must be a multiple of 8. */
    public static byte[] ipv4(byte[] src, byte[] dst, int protocol, int id, int fragmentOffset, boolean moreFragments,
                              byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) id);
        b.putShort((short) ((moreFragments ? 0x2000 : 0) | (fragmentOffset / 8)));
        b.put((byte) 64).put((byte) protocol).putShort((short) 0).put(src).put(dst);
        byte[] packet = b.array();
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((packet[i] & 0xff) << 8) | (packet[i + 1] & 0xff);
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        int checksum = ~sum & 0xffff;
        packet[10] = (byte) (checksum >>> 8);
        packet[11] = (byte) checksum;
        b.position(20);
        b.put(payload);
        return packet;
    }

    /** An IPv6 packet with no extension headers. */
    public static byte[] ipv6(byte[] src, byte[] dst, int nextHeader, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x60000000).putShort((short) payload.length).put((byte) nextHeader).put((byte) 64).put(src).put(dst);
        b.put(payload);
        return b.array();
    }

    /**
     * An IPv6 packet whose payload follows a hop-by-hop options header (8 bytes of padding), to exercise the
     * extension-header chain.
     */
    public static byte[] ipv6WithHopByHop(byte[] src, byte[] dst, int nextHeader, byte[] payload) {
        byte[] hop = new byte[8 + payload.length];
        hop[0] = (byte) nextHeader;
        hop[1] = 0;
        hop[2] = 1; // PadN option covering the remaining 4 bytes
        hop[3] = 4;
        System.arraycopy(payload, 0, hop, 8, payload.length);
        return ipv6(src, dst, 0, hop);
    }

    /** Splits an IPv6 payload into fragments carried behind fragment headers; {@code size} is rounded to 8. */
    public static List<byte[]> fragmentV6(byte[] src, byte[] dst, int nextHeader, int id, byte[] payload, int size) {
        int step = Math.max(8, size / 8 * 8);
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < payload.length; off += step) {
            int len = Math.min(step, payload.length - off);
            ByteBuffer f = ByteBuffer.allocate(8 + len);
            boolean more = off + len < payload.length;
            f.put((byte) nextHeader).put((byte) 0).putShort((short) (off | (more ? 1 : 0))).putInt(id);
            f.put(payload, off, len);
            out.add(ipv6(src, dst, 44, f.array()));
        }
        return out;
    }

    /** Splits an IPv4 packet (without options) into fragments of at most {@code size} payload bytes. */
    public static List<byte[]> fragmentV4(byte[] packet, int size) {
        int step = Math.max(8, size / 8 * 8);
        byte[] src = java.util.Arrays.copyOfRange(packet, 12, 16);
        byte[] dst = java.util.Arrays.copyOfRange(packet, 16, 20);
        int protocol = packet[9] & 0xff;
        int id = ((packet[4] & 0xff) << 8) | (packet[5] & 0xff);
        List<byte[]> out = new ArrayList<>();
        int payloadLength = packet.length - 20;
        for (int off = 0; off < payloadLength; off += step) {
            int len = Math.min(step, payloadLength - off);
            byte[] part = java.util.Arrays.copyOfRange(packet, 20 + off, 20 + off + len);
            out.add(ipv4(src, dst, protocol, id, off, off + len < payloadLength, part));
        }
        return out;
    }
}
