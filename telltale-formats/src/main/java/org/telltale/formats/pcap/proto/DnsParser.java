package org.telltale.formats.pcap.proto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.telltale.formats.pcap.IpText;

/**
 * Reads the A and AAAA answers of one DNS response message (RFC 1035), so that later connections
 * to those addresses can be named. Captured packets are hostile: every count, length and
 * compression pointer is checked, and a malformed message yields the answers read before the fault.
 */
public final class DnsParser {
    private static final int HEADER = 12;
    private static final int TYPE_A = 1;
    private static final int TYPE_CNAME = 5;
    private static final int TYPE_AAAA = 28;
    private static final int CLASS_IN = 1;
    /** More records than this in one response is not a real resolver's answer. */
    private static final int MAX_RECORDS = 512;
    private static final int MAX_NAME = 255;
    /** Compression pointers followed while reading one name; a loop would never end otherwise. */
    private static final int MAX_JUMPS = 64;
    /** CNAME links followed from an address back to the question; chains are short in practice. */
    private static final int MAX_CHAIN = 16;

    private DnsParser() {
    }

    /**
     * The addresses a DNS response gives, each under the name the client asked for. Returns an
     * empty list for a query, a truncated message or anything that is not DNS; never throws.
     */
    public static List<DnsAnswer> answers(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < HEADER || off > buf.length - len) {
            return List.of();
        }
        int flags = u16(buf, off + 2);
        boolean response = (flags & 0x8000) != 0;
        int opcode = (flags >> 11) & 0xF;
        if (!response || opcode != 0) {
            return List.of();
        }
        int questions = u16(buf, off + 4);
        int answerCount = u16(buf, off + 6);
        if (questions > MAX_RECORDS || answerCount > MAX_RECORDS) {
            return List.of();
        }
        Cursor c = new Cursor(buf, off, len, off + HEADER);
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < questions; i++) {
            String name = c.name();
            if (name == null || !c.skip(4)) {
                return List.of();
            }
            asked.add(name);
        }
        Map<String, String> aliasOf = new HashMap<>();
        List<String[]> addresses = new ArrayList<>();
        for (int i = 0; i < answerCount; i++) {
            if (!readRecord(c, aliasOf, addresses)) {
                break;
            }
        }
        List<DnsAnswer> out = new ArrayList<>(addresses.size());
        for (String[] a : addresses) {
            out.add(new DnsAnswer(askedName(a[0], aliasOf), a[1]));
        }
        return List.copyOf(out);
    }

    /** Reads one resource record; false when the message ends or breaks inside it. */
    private static boolean readRecord(Cursor c, Map<String, String> aliasOf, List<String[]> addresses) {
        String owner = c.name();
        if (owner == null || c.remaining() < 10) {
            return false;
        }
        int type = c.u16();
        int rrClass = c.u16();
        c.skip(4);
        int rdLength = c.u16();
        if (c.remaining() < rdLength) {
            return false;
        }
        int rdStart = c.pos;
        if (rrClass == CLASS_IN) {
            if (type == TYPE_A && rdLength == 4 || type == TYPE_AAAA && rdLength == 16) {
                addresses.add(new String[] {owner, address(c.buf, rdStart, rdLength)});
            } else if (type == TYPE_CNAME) {
                String target = c.name();
                if (target != null) {
                    aliasOf.putIfAbsent(target, owner);
                }
            }
        }
        c.pos = rdStart + rdLength;
        return true;
    }

    /** Walks CNAME links back from the owner of an address to the name first asked for. */
    private static String askedName(String owner, Map<String, String> aliasOf) {
        String name = owner;
        for (int i = 0; i < MAX_CHAIN; i++) {
            String alias = aliasOf.get(name);
            if (alias == null || alias.equals(owner)) {
                break;
            }
            name = alias;
        }
        return name;
    }

    private static String address(byte[] buf, int off, int len) {
        return IpText.format(buf, off, len);
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
    }

    /** A read position inside the message, which names may point back into. */
    private static final class Cursor {
        final byte[] buf;
        final int start;
        final int end;
        int pos;

        Cursor(byte[] buf, int start, int len, int pos) {
            this.buf = buf;
            this.start = start;
            this.end = start + len;
            this.pos = pos;
        }

        int remaining() {
            return end - pos;
        }

        boolean skip(int n) {
            if (remaining() < n) {
                return false;
            }
            pos += n;
            return true;
        }

        int u16() {
            int v = DnsParser.u16(buf, pos);
            pos += 2;
            return v;
        }

        /** Reads a possibly compressed name and moves past it; null when it is malformed. */
        String name() {
            StringBuilder sb = new StringBuilder();
            int p = pos;
            int resume = -1;
            int jumps = 0;
            while (true) {
                if (p >= end) {
                    return null;
                }
                int b = buf[p] & 0xFF;
                if (b == 0) {
                    p++;
                    break;
                }
                if ((b & 0xC0) == 0xC0) {
                    if (p + 1 >= end || ++jumps > MAX_JUMPS) {
                        return null;
                    }
                    if (resume < 0) {
                        resume = p + 2;
                    }
                    p = start + ((b & 0x3F) << 8 | buf[p + 1] & 0xFF);
                    continue;
                }
                if ((b & 0xC0) != 0 || p + 1 + b > end) {
                    return null;
                }
                if (sb.length() > 0) {
                    sb.append('.');
                }
                for (int i = p + 1; i <= p + b; i++) {
                    sb.append(labelChar(buf[i]));
                }
                if (sb.length() > MAX_NAME) {
                    return null;
                }
                p += 1 + b;
            }
            pos = resume >= 0 ? resume : p;
            return sb.toString();
        }

        private static char labelChar(byte b) {
            int c = b & 0xFF;
            if (c <= 0x20 || c >= 0x7F) {
                return '?';
            }
            return Character.toLowerCase((char) c);
        }
    }
}
