package org.telltale.attribute;

import com.google.common.net.InetAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesTest {
    private static final String ALPHABET = "0123456789abcdefABCDEF:.:%[]g ";

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 2026})
    void randomlyWrittenIpv6AddressesParseAsGuavaParsesThem(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 3000; i++) {
            String text = written(random);
            assertThat(IpAddresses.parseV6(text)).as(text).isEqualTo(guava(text));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 5, 6})
    void mangledLiteralsAreAcceptedOrRefusedAsGuavaDoes(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            StringBuilder text = new StringBuilder(written(random));
            for (int edits = 1 + random.nextInt(3); edits > 0 && text.length() > 0; edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            String mangled = text.toString();
            assertThat(IpAddresses.parseV6(mangled)).as(mangled).isEqualTo(guava(mangled));
        }
    }

    @Test
    void ipv4MappedAddressesComeBackAsTheirIpv4Value() {
        assertThat(IpAddresses.parseV6("::ffff:8.8.4.4")).containsExactly(0x08080404L);
        assertThat(IpAddresses.parseV6("::FFFF:808:404")).containsExactly(0x08080404L);
        assertThat(IpAddresses.parseV6("[fe80::1%eth0]")).containsExactly(0xfe80_0000_0000_0000L, 1L);
    }

    @Test
    void nat64AddressesComeBackAsTheIpv4AddressTheyEmbedAndOnlyThose() {
        assertThat(IpAddresses.parseV6("64:ff9b::9765:798c")).containsExactly(0x9765798cL);
        assertThat(IpAddresses.parseV6("64:FF9B::151.101.121.140")).containsExactly(0x9765798cL);
        assertThat(IpAddresses.parseV6("[64:ff9b::808:808]")).containsExactly(0x08080808L);
        // outside 64:ff9b::/96: the local-use prefix 64:ff9b:1::/48 and a non-zero suffix bit stay IPv6
        assertThat(IpAddresses.parseV6("64:ff9b:1::808:808")).containsExactly(0x0064_ff9b_0001_0000L, 0x0808_0808L);
        assertThat(IpAddresses.parseV6("64:ff9b::1:808:808")).containsExactly(0x0064_ff9b_0000_0000L, 0x0001_0808_0808L);
        assertThat(IpAddresses.parseV6("65:ff9b::808:808")).containsExactly(0x0065_ff9b_0000_0000L, 0x0808_0808L);
    }

    @Test
    void plainIpv4AcceptsOnlyFourDecimalOctets() {
        assertThat(IpAddresses.parseV4("192.168.0.1")).isEqualTo(0xC0A80001L);
        assertThat(IpAddresses.parseV4("255.255.255.255")).isEqualTo(0xFFFFFFFFL);
        assertThat(IpAddresses.parseV4("256.1.1.1")).isEqualTo(-1);
        assertThat(IpAddresses.parseV4("1.2.3")).isEqualTo(-1);
        assertThat(IpAddresses.parseV4("1.2.3.4.")).isEqualTo(-1);
        assertThat(IpAddresses.parseV4("a.b.c.d")).isEqualTo(-1);
    }

    /** An IPv6 address written one of the ways people and tools write them. */
    private static String written(Random random) {
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = random.nextInt(4) == 0 ? 0 : random.nextInt(1 << (4 * (1 + random.nextInt(4))));
        }
        if (random.nextInt(5) == 0) {
            groups = new int[] {0, 0, 0, 0, 0, 0xffff, random.nextInt(65536), random.nextInt(65536)};
        } else if (random.nextInt(8) == 0) {
            groups = new int[] {0x64, 0xff9b, 0, 0, 0, 0, random.nextInt(65536), random.nextInt(65536)};
        }
        boolean dotted = random.nextInt(4) == 0;
        int parts = dotted ? 6 : 8;
        StringBuilder text = new StringBuilder();
        int gapStart = random.nextBoolean() ? random.nextInt(parts) : -1;
        int gapEnd = gapStart < 0 ? -1 : gapStart + 1 + random.nextInt(parts - gapStart);
        for (int g = 0; g < parts; g++) {
            if (g == gapStart) {
                text.append("::");
            }
            if (gapStart >= 0 && g >= gapStart && g < gapEnd) {
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            String hex = Integer.toHexString(groups[g]);
            text.append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
        }
        if (dotted) {
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(groups[6] >>> 8).append('.').append(groups[6] & 0xFF).append('.')
                    .append(groups[7] >>> 8).append('.').append(groups[7] & 0xFF);
        }
        String literal = text.toString();
        if (random.nextInt(6) == 0) {
            literal = literal + "%eth" + random.nextInt(3);
        }
        return random.nextInt(6) == 0 ? "[" + literal + "]" : literal;
    }

    /**
     * The oracle: Guava's parser on the same literal, brackets and zone removed first as the resolver does; an
     * address in the NAT64 prefix 64:ff9b::/96 (RFC 6052) stands for the IPv4 address in its last 32 bits.
     */
    private static long[] guava(String text) {
        String literal = text;
        if (literal.length() > 64 || literal.indexOf(':') < 0) {
            return null;
        }
        if (literal.startsWith("[") && literal.endsWith("]") && literal.length() >= 2) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!InetAddresses.isInetAddress(literal) || literal.indexOf(':') < 0) {
            return null;
        }
        InetAddress address = InetAddresses.forString(literal);
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return new long[] {((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFFL) << 16) | ((bytes[2] & 0xFFL) << 8) | (bytes[3] & 0xFFL)};
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (bytes[i] & 0xFF);
            low = low << 8 | (bytes[i + 8] & 0xFF);
        }
        if (high == 0x0064_ff9b_0000_0000L && (low >>> 32) == 0) {
            return new long[] {low};
        }
        return new long[] {high, low};
    }
}
