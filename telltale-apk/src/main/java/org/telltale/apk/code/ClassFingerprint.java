package org.telltale.apk.code;

import java.util.Arrays;

/**
 * A class's fingerprint: its methods' fingerprints ({@link FingerprintBuilder}) as a sorted multiset,
 * hashed. Method order and names do not count, so a renamed or reordered class matches its original.
 *
 * <p>Classes with little code (an empty constructor, a getter or two) look alike in every app, so a
 * class is fingerprinted only when its methods hold at least {@link #MIN_INSTRUCTIONS} instructions;
 * otherwise {@link #of} returns 0, meaning "too small to tell".
 */
public final class ClassFingerprint {
    /** The fewest instructions a class needs for its fingerprint to say something. */
    public static final int MIN_INSTRUCTIONS = 20;

    private ClassFingerprint() {
    }

    /** The class's fingerprint, or 0 when it has too little code. */
    public static long of(CodeClass c) {
        int instructions = 0;
        int withCode = 0;
        for (CodeMethod m : c.methods()) {
            if (m.fingerprint() != 0) {
                withCode++;
                instructions += m.instructions();
            }
        }
        if (instructions < MIN_INSTRUCTIONS) {
            return 0;
        }
        long[] prints = new long[withCode];
        int i = 0;
        for (CodeMethod m : c.methods()) {
            if (m.fingerprint() != 0) {
                prints[i++] = m.fingerprint();
            }
        }
        Arrays.sort(prints);
        FingerprintBuilder hash = new FingerprintBuilder();
        hash.literal(prints.length);
        for (long p : prints) {
            hash.literal(p);
        }
        return hash.build();
    }
}
