package org.telltale.apk.code;

import java.nio.charset.StandardCharsets;

/**
 * Builds a method's fingerprint: a 64-bit hash of its normalised code that survives renaming. Fed in
 * code order by a reader (DEX or JVM; the two instruction sets give different fingerprints for the
 * same source, so only code of one kind is compared with code of the same kind).
 *
 * <p>Kept: each instruction's opcode, framework class, method and field names (an obfuscator cannot
 * rename {@code android.telephony.TelephonyManager.getDeviceId}), string constants and literals.
 * Abstracted: every name the app defines or carries (its own classes, libraries, SDKs), since those
 * are what renaming changes; a descriptor keeps its shape with app types replaced by one token.
 * Registers and branch offsets are left out, so a register allocator's choices do not matter.
 *
 * <p>The hash is FNV-1a over the tokens, each ended by a separator byte, then mixed by MurmurHash3's
 * finaliser so that nearby inputs spread; stable across runs and JVMs, as fingerprints are compared
 * between scans. A reference (class, method, field, string) enters as its own 64-bit FNV-1a hash
 * ({@link Token}), so readers can hash each of a file's method ids once rather than at every call.
 */
public final class FingerprintBuilder {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final String APP = "\u0001app";

    private long hash = FNV_OFFSET;
    private int tokens;

    /** One instruction's opcode. */
    public FingerprintBuilder opcode(int opcode) {
        mixByte('o');
        mixInt(opcode);
        return end();
    }

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
        mixByte('r');
        mixLong(token.hash);
        return end();
    }

    /** What {@link #classRef} mixes, prepared once for a reader that meets the same class many times. */
    public static Token classRefToken(String className) {
        return new Token().kind('c').text(abstractClass(className));
    }

    /** What {@link #methodRef} mixes, prepared once for a reader that meets the same method many times. */
    public static Token methodRefToken(MethodRef ref) {
        boolean framework = FrameworkNames.isFramework(ref.owner());
        return new Token().kind('m').text(framework ? ref.owner() : APP).text(framework ? ref.name() : APP)
                .text(abstractDescriptor(ref.descriptor()));
    }

    /** What {@link #fieldRef} mixes, prepared once for a reader that meets the same field many times. */
    public static Token fieldRefToken(String owner, String name, String typeDescriptor) {
        boolean framework = FrameworkNames.isFramework(owner);
        return new Token().kind('f').text(framework ? owner : APP).text(framework ? name : APP)
                .text(abstractDescriptor(typeDescriptor));
    }

    /** What {@link #string} mixes, prepared once for a reader that meets the same constant many times. */
    public static Token stringToken(String value) {
        return new Token().kind('s').text(value);
    }

    /** A literal an instruction loads (const, const-wide, an int push). */
    public FingerprintBuilder literal(long value) {
        mixByte('l');
        mixLong(value);
        return end();
    }

    /** How many tokens were fed. */
    public int tokens() {
        return tokens;
    }

    /** The fingerprint; never 0, which means "no code". */
    public long build() {
        long h = hash;
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

    private static String abstractClass(String className) {
        return FrameworkNames.isFramework(className) ? className : APP;
    }

    private FingerprintBuilder end() {
        mixByte(0xff);
        tokens++;
        return this;
    }

    private void mixLong(long v) {
        for (int i = 0; i < 8; i++) {
            mixByte((int) (v >>> (i * 8)));
        }
    }

    private void mixInt(int v) {
        for (int i = 0; i < 4; i++) {
            mixByte(v >>> (i * 8));
        }
    }

    private void mixByte(int b) {
        hash ^= b & 0xff;
        hash *= FNV_PRIME;
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
