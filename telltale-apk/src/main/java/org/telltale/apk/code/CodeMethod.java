package org.telltale.apk.code;

import java.util.List;

/**
 * One method of a {@link CodeClass} and what its code refers to.
 *
 * @param name         the method's name ({@code <init>}, {@code <clinit>} included)
 * @param descriptor   its descriptor in JVM/DEX form, {@code (Ljava/lang/String;I)V}
 * @param access       its access flags
 * @param calls        every method its code invokes, in code order, repeats kept once
 * @param classRefs    the other classes its code names outside invocations (new-instance, const-class,
 *                     check-cast, instance-of, field owners), dotted, repeats kept once
 * @param strings      the string constants its code loads, in code order, repeats kept once
 * @param instructions how many instructions its code has (0 without code)
 * @param fingerprint  a hash of its code that survives renaming ({@link FingerprintBuilder}); 0 without code
 */
public record CodeMethod(String name, String descriptor, int access, List<MethodRef> calls, List<String> classRefs,
                         List<String> strings, int instructions, long fingerprint) {
    public CodeMethod {
        calls = List.copyOf(calls);
        classRefs = List.copyOf(classRefs);
        strings = List.copyOf(strings);
    }
}
