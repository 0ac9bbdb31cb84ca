package org.telltale.apk.code;

import java.util.List;

/**
 * One class as compiled code holds it, read from a DEX file or a JVM class file. Names are in Java's
 * dotted form ({@code com.example.Foo$Bar}), so DEX and JAR code compare alike.
 *
 * @param name       the class's binary name, dotted
 * @param superName  its superclass, dotted, or null for {@code java.lang.Object} itself
 * @param interfaces the interfaces it implements, dotted
 * @param access     its access flags (DEX and JVM share the low bits: public, final, interface, abstract)
 * @param source     where it was read: the entry ({@code classes3.dex}, {@code libs/sdk.jar!a/B.class})
 * @param methods    its methods with code and without (abstract and native ones have no calls)
 * @param constants  the string values its static fields start with (DEX static values, a JVM field's
 *                   ConstantValue): a {@code static final String URL} is kept here, not in code
 */
public record CodeClass(String name, String superName, List<String> interfaces, int access, String source,
                        List<CodeMethod> methods, List<String> constants) {
    public CodeClass {
        interfaces = List.copyOf(interfaces);
        methods = List.copyOf(methods);
        constants = List.copyOf(constants);
    }

    /** The package part of the name, or "" for the unnamed package. */
    public String packageName() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }
}
