package org.telltale.apk.code;

import java.nio.charset.StandardCharsets;

/**
 * Builds a method's fingerprint: a 64-bit hash of what its code names, which survives renaming and
 * recompilation. Fed by a reader (DEX or JVM; the two give different fingerprints for the same source,
 * so only code of one kind is compared with code of the same kind).
 *
 * <p>Kept: framework class names, framework method and field names with their descriptors (an
 * obfuscator cannot rename {@code getDeviceId()Ljava/lang/String;}), string constants and literals.
 * The class a framework member is named through is left out: a release build rebinds a call to the
 * class that declares the method ({@code HttpURLConnection.getInputStream} becomes {@code
 * URLConnection.getInputStream}), as R8 does. Abstracted: every
 * name the app defines or carries (its own classes, libraries, SDKs), since those are what renaming
 * changes; a descriptor keeps its shape with app types replaced by one token.
 *
 * <p>Left out: opcodes, their order, registers, branch offsets, and how often a token repeats. The
 * same source compiled by D8 and by R8 (renaming only, {@code -dontoptimize}) differs in all of
 * those: R8 schedules constant loads elsewhere, lays out blocks and exception handlers in another
 * order (inverting branches) and loads a repeated constant once. Measured on the Sensors Analytics
 * SDK built both ways: with opcodes in order, 42 of its 151 classes with enough code had the same
 * class fingerprint as their renamed copies; as sets of what the code names, with classes matched by
 * most of their methods ({@code ClassPrints}), 105 of 169 are found, each the right one
 * ({@code ImageComparerTest}). So the fingerprint is the hash of the sorted, distinct token hashes.
 *
 * <p>Each token is a 64-bit FNV-1a hash ({@link Token}); the set is mixed by FNV-1a and finished by
 * MurmurHash3's finaliser: stable across runs and JVMs, as fingerprints are compared between scans.
 */
public final class FingerprintBuilder {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final String APP = "\u0001app";

    private long[] tokens = new long[16];
    private int count;

    /** A class named by an instruction (new-instance, const-class, check-cast, ...), dotted. */
    public FingerprintBuilder classRef(String className) {
        return token(classRefToken(className));
    }

    /** A method an instruction invokes. */
    public FingerprintBuilder methodRef(MethodRef ref) {
        return token(methodRefToken(ref));
    }

    /** A field an instruction reads or writes: its declaring class, name and type descriptor. */
    public FingerprintBuilder fieldRef(String owner, String name, String typeDescriptor) {
        return token(fieldRefToken(owner, name, typeDescriptor));
    }

    /** A string constant an instruction loads. */
    public FingerprintBuilder string(String value) {
        return token(stringToken(value));
    }

    /** A reference prepared once by one of the {@code ...Token} methods: the same as feeding it directly. */
    public FingerprintBuilder token(Token token) {
        return add(token.hash);
    }

    /** What {@link #classRef} mixes, prepared once for a reader that meets the same class many times. */
    public static Token classRefToken(String className) {
        return new Token().kind('c').text(abstractClass(className));
    }

    /** What {@link #methodRef} mixes, prepared once for a reader that meets the same method many times. */
    public static Token methodRefToken(MethodRef ref) {
        boolean framework = FrameworkNames.isFramework(ref.owner());
        return new Token().kind('m').text(framework ? ref.name() : APP).text(abstractDescriptor(ref.descriptor()));
    }

    /** What {@link #fieldRef} mixes, prepared once for a reader that meets the same field many times. */
    public static Token fieldRefToken(String owner, String name, String typeDescriptor) {
        boolean framework = FrameworkNames.isFramework(owner);
        return new Token().kind('f').text(framework ? name : APP).text(abstractDescriptor(typeDescriptor));
    }

    /** What {@link #string} mixes, prepared once for a reader that meets the same constant many times. */
    public static Token stringToken(String value) {
        return new Token().kind('s').text(value);
    }

    /** A literal an instruction loads (const, const-wide, an int push). */
    public FingerprintBuilder literal(long value) {
        Token t = new Token().kind('l');
        for (int i = 0; i < 8; i++) {
            t.put((int) (value >>> (i * 8)));
        }
        return add(t.hash);
    }

    /** The fingerprint of the distinct tokens fed; never 0, which means "no code". */
    public long build() {
        long[] sorted = java.util.Arrays.copyOf(tokens, count);
        java.util.Arrays.sort(sorted);
        long h = FNV_OFFSET;
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                continue;
            }
            for (int b = 0; b < 8; b++) {
                h ^= (sorted[i] >>> (b * 8)) & 0xff;
                h *= FNV_PRIME;
            }
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** A descriptor with every app-defined class type replaced by one token: {@code (L;I)Ljava/lang/String;}. */
    public static String abstractDescriptor(String descriptor) {
        StringBuilder out = new StringBuilder(descriptor.length());
        int i = 0;
        while (i < descriptor.length()) {
            char c = descriptor.charAt(i);
            if (c == 'L') {
                int end = descriptor.indexOf(';', i);
                if (end < 0) {
                    out.append(descriptor, i, descriptor.length());
                    break;
                }
                String internal = descriptor.substring(i + 1, end);
                out.append(FrameworkNames.isFramework(internal.replace('/', '.')) ? descriptor.substring(i, end + 1) : "L;");
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private FingerprintBuilder add(long token) {
        if (count == tokens.length) {
            tokens = java.util.Arrays.copyOf(tokens, count * 2);
        }
        tokens[count++] = token;
        return this;
    }

    private static String abstractClass(String className) {
        return FrameworkNames.isFramework(className) ? className : APP;
    }





    /**
     * One reference (a class, method, field or string) hashed on its own: a kind byte, then each name
     * in UTF-8 ended by a zero byte, through FNV-1a. The builder mixes the 64-bit result, so a reader
     * that meets the same method id at thousands of call sites hashes its names once.
     */
    public static final class Token {
        private long hash = FNV_OFFSET;

        private Token() {
        }

        private Token kind(char kind) {
            put(kind);
            return this;
        }

        private Token text(String s) {
            boolean ascii = true;
            for (int i = 0; i < s.length() && ascii; i++) {
                ascii = s.charAt(i) < 0x80;
            }
            if (ascii) {
                for (int i = 0; i < s.length(); i++) {
                    put(s.charAt(i));
                }
            } else {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                    put(b);
                }
            }
            put(0);
            return this;
        }

        private void put(int b) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
    }
}
