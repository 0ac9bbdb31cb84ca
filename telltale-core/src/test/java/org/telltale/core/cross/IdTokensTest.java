package org.telltale.core.cross;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as an identifier-shaped value, from values seen in real cookie syncing, and what does not. */
class IdTokensTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "786792932447527911",                       // RocketFuel's user ID, a 64-bit integer written out
        "-1378101304145867844",                     // Dynamic Yield's, signed
        "002003017010002515991",                    // Neustar AdAdvisor's key
        "3593076e248514dfbe9a6d95f9b4c9bb",         // 128-bit hex
        "3cf9c76ab6e23eb4",                         // 64-bit hex
        "3face34f-651a-4d12-89b0-707365caa4bc",     // UUID
        "B2FB55D1-8AD6-47DD-850A-A7AAB255F0B7",     // UUID in upper case
        "BQ-00000003020551370",                     // letters before digits
        "CHUz7sBf1zvM3H2",                          // base62, 15 characters
        "AHNF13KW4zuY-5OyL4EYZx-W-ZWOWuBmkwP8hq8",  // base64url
        "1CAESEKE2LJTrMod96PiBNjtMw5s",
    })
    void identifiers(String value) {
        assertThat(shaped(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "KBj6rbe8",                                 // 8 characters: 48 bits
        "P2JCJGE4TBWH",                             // 12 single-case characters: 62 bits
        "1440859441319",                            // a time in milliseconds
        "1440859441319000000",                      // ... in nanoseconds
        "8594428481491",                            // a 13-digit cache buster
        "UA-58630905-1",                            // an analytics property
        "ca-pub-4177862836555934",                  // a publisher account
        "googlesyndication2024",                    // a word
        "01CONVERSATION",
        "0000000000000000",                         // no entropy
        "00000000-0000-0000-0000-000000000000",     // the reset advertising ID
        "2015-05-11-10-20-30",                      // a date
        "abcdefabcdefabcd",                         // letters alone
    })
    void notIdentifiers(String value) {
        assertThat(shaped(value)).isFalse();
    }

    private static boolean shaped(String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        return b.length >= IdTokens.MIN_LENGTH && b.length <= IdTokens.MAX_LENGTH
                && IdTokens.identifierShaped(b, 0, b.length);
    }
}
