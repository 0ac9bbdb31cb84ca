package org.telltale.formats.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class IpTextTest {
    @ParameterizedTest
    @CsvSource({
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "::ffff:c000:0201, ::ffff:192.0.2.1",
        "192.0.2.1, 192.0.2.1",
    })
    void addressesAreWrittenInTheirRfc5952Form(String input, String canonical) throws UnknownHostException {
        byte[] b = bytesOf(input);

        assertThat(IpText.format(b, 0, b.length)).isEqualTo(canonical);
    }

    @Test
    void anAddressInsideALargerArrayIsReadFromItsOffset() {
        byte[] frame = {9, 9, (byte) 203, 0, 113, 7, 9};

        assertThat(IpText.format(frame, 2, 4)).isEqualTo("203.0.113.7");
    }

    static Stream<byte[]> randomAddresses() {
        Random random = new Random(5952);
        return IntStream.range(0, 2000).mapToObj(i -> {
            byte[] b = new byte[16];
            for (int k = 0; k < 16; k += 2) {
                // mostly zero groups, so runs of zeros of every length and position come up
                if (random.nextInt(3) > 0) {
                    b[k] = (byte) (random.nextBoolean() ? 0 : random.nextInt(256));
                    b[k + 1] = (byte) random.nextInt(256);
                }
            }
            return b;
        });
    }

    @ParameterizedTest
    @MethodSource("randomAddresses")
    void everyIpv6AddressMatchesAnIndependentCompressionAndParsesBack(byte[] address) throws UnknownHostException {
        String text = IpText.format(address, 0, 16);

        assertThat(text).isEqualTo(canonical(Inet6Address.getByAddress(null, address, -1).getHostAddress()));
        assertThat(bytesOf(text)).isEqualTo(address);
    }

    /**
     * The RFC 5952 form of an address the JDK wrote (IPv6 as eight full hex groups), worked out on the
     * text: the longest run of two or more zero groups, the first of equal runs, becomes "::"; an
     * IPv4-mapped address ends in a dotted quad.
     */
    static String canonical(String jdkText) {
        if (!jdkText.contains(":")) {
            return jdkText;
        }
        String[] groups;
        try {
            byte[] b = InetAddress.getByName(jdkText).getAddress();
            if (b.length == 4) {
                return "::ffff:" + InetAddress.getByAddress(b).getHostAddress();
            }
            groups = InetAddress.getByAddress(b).getHostAddress().split(":");
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(jdkText, e);
        }
        String joined = ":" + String.join(":", Stream.of(groups).map(g -> Integer.toHexString(Integer.parseInt(g, 16)))
                .toList()) + ":";
        for (int run = 8; run >= 2; run--) {
            String zeros = ":0".repeat(run) + ":";
            int at = joined.indexOf(zeros);
            if (at >= 0) {
                joined = joined.substring(0, at) + "::" + joined.substring(at + zeros.length());
                break;
            }
        }
        return joined.replaceAll("^:(?!:)", "").replaceAll("(?<!:):$", "");
    }

    private static byte[] bytesOf(String literal) throws UnknownHostException {
        byte[] b = InetAddress.getByName(literal).getAddress();
        if (literal.contains(":") && b.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(b, 0, mapped, 12, 4);
            return mapped;
        }
        return b;
    }
}
