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
 * between scans.
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
        mixByte('c');
        mixString(abstractClass(className));
        return end();
    }

    /** A method an instruction invokes. */
    public FingerprintBuilder methodRef(MethodRef ref) {
        mixByte('m');
        boolean framework = FrameworkNames.isFramework(ref.owner());
        mixString(framework ? ref.owner() : APP);
        mixString(framework ? ref.name() : APP);
        mixString(abstractDescriptor(ref.descriptor()));
        return end();
    }

    /** A field an instruction reads or writes: its declaring class, name and type descriptor. */
    public FingerprintBuilder fieldRef(String owner, String name, String typeDescriptor) {
        mixByte('f');
        boolean framework = FrameworkNames.isFramework(owner);
        mixString(framework ? owner : APP);
        mixString(framework ? name : APP);
        mixString(abstractDescriptor(typeDescriptor));
        return end();
    }

    /** A string constant an instruction loads. */
    public FingerprintBuilder string(String value) {
        mixByte('s');
        mixString(value);
        return end();
    }

    /** A literal an instruction loads (const, const-wide, an int push). */
    public FingerprintBuilder literal(long value) {
        mixByte('l');
        for (int i = 0; i < 8; i++) {
            mixByte((int) (value >>> (i * 8)));
        }
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

    private void mixString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            mixByte(b);
        }
        mixByte(0);
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
}
