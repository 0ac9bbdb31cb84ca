package org.telltale.apk.code;

import java.util.Arrays;

/**
 * A class as {@code compare} matches it: the distinct fingerprints ({@link FingerprintBuilder}) of its
 * methods with enough code to tell them apart. Two classes are the same code when most of one's
 * fingerprints are among the other's, whatever either is called and in whatever order its methods
 * come; "most" rather than "all" because a release build changes a few methods (R8 inserts an API
 * level check here, a StringBuilder there).
 *
 * <p>Small methods (a getter, an empty constructor: fewer than {@link #MIN_INSTRUCTIONS}
 * instructions) look alike in every app and are left out; a class with fewer than {@link #MIN_METHODS}
 * such methods is too small to tell and gets no prints.
 */
public final class ClassPrints {
    /** The fewest instructions a method needs to count. */
    public static final int MIN_INSTRUCTIONS = 4;
    /** The fewest counted methods a class needs to be matched at all. */
    public static final int MIN_METHODS = 2;
    /** The share of a class's prints the other class must hold for the two to be the same code. */
    public static final double MIN_SHARE = 0.6;

    private ClassPrints() {
    }

    /** The class's sorted distinct method fingerprints, or an empty array when it is too small to tell. */
    public static long[] of(CodeClass c) {
        long[] prints = new long[c.methods().size()];
        int n = 0;
        for (CodeMethod m : c.methods()) {
            if (m.fingerprint() != 0 && m.instructions() >= MIN_INSTRUCTIONS) {
                prints[n++] = m.fingerprint();
            }
        }
        long[] distinct = Arrays.stream(prints, 0, n).sorted().distinct().toArray();
        return distinct.length < MIN_METHODS ? new long[0] : distinct;
    }

    /** How many of a class's prints must be found in another class for the two to be the same code. */
    public static int needed(long[] prints) {
        return Math.max(MIN_METHODS, (int) Math.ceil(prints.length * MIN_SHARE));
    }
}
