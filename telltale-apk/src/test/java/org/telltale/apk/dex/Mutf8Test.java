package org.telltale.apk.dex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Modified UTF-8 as the "DEX format" page defines it: U+0000 as C0 80, a character outside the BMP
 * as its two surrogates of three bytes each, a zero byte ending the string. The byte sequences are
 * written here from that definition.
 */
class Mutf8Test {
    @Test
    void theNullCharacterIsTwoBytesAndAZeroByteEndsTheString() {
        byte[] data = {'a', (byte) 0xc0, (byte) 0x80, 'b', 0, 'c'};
        assertThat(Mutf8.decode(data, 0, data.length, 100)).isEqualTo("a\u0000b");
    }

    @Test
    void aCharacterOutsideTheBmpIsItsTwoSurrogates() {
        // U+1F600 is D83D DE00: ED A0 BD, ED B8 80
        byte[] data = {(byte) 0xed, (byte) 0xa0, (byte) 0xbd, (byte) 0xed, (byte) 0xb8, (byte) 0x80, (byte) 0xc3, (byte) 0xa9, 0};
        String s = Mutf8.decode(data, 0, data.length, 100);
        assertThat(s).isEqualTo("\uD83D\uDE00\u00e9");
        assertThat(s.codePointAt(0)).isEqualTo(0x1F600);
    }

    @Test
    void bytesThatAreNoCharacterBecomeReplacementCharacters() {
        byte[] data = {'x', (byte) 0x80, (byte) 0xe2, (byte) 0x82, 'y', 0};
        assertThat(Mutf8.decode(data, 0, data.length, 100)).isEqualTo("x\ufffd\ufffd\ufffdy");
    }

    @Test
    void theLimitCutsTheStringAndTheEndOfTheFileEndsIt() {
        byte[] data = {'a', 'b', 'c', 'd', 'e', 'f'};
        assertThat(Mutf8.decode(data, 0, data.length, 4)).isEqualTo("abcd");
        assertThat(Mutf8.decode(data, 2, data.length, 100)).isEqualTo("cdef");
        // a cut inside a three-byte character leaves what cannot be read as one replacement
        byte[] wide = {'a', (byte) 0xe2, (byte) 0x82, (byte) 0xac, 0};
        assertThat(Mutf8.decode(wide, 0, wide.length, 3)).isEqualTo("a\ufffd\ufffd");
        assertThat(Mutf8.decode(wide, 0, wide.length, 4)).isEqualTo("a\u20ac");
    }
}
