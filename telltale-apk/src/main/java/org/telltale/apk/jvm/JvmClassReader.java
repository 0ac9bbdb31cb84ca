package org.telltale.apk.jvm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.code.CodeMethod;
import org.telltale.apk.code.FingerprintBuilder;
import org.telltale.apk.code.MethodRef;

/**
 * Reads one JVM class file (from a JAR or an AAR's {@code classes.jar}) into a {@link CodeClass}, with
 * ASM's {@link ClassReader}, skipping frames and debug information (line numbers and local names say
 * nothing about what code does, and an obfuscator strips them anyway).
 *
 * <p>Every invoke instruction is a call. An {@code invokedynamic} is kept as what it links to: the method
 * handles among its bootstrap arguments (a lambda's body, a method reference's target) are calls, field
 * handles (a record's {@code toString}) name their owner as a class reference, and the constant parts of a
 * {@code StringConcatFactory} recipe ({@code "https://" + host + "/v1"}) are string constants, as they would
 * be after D8 desugared the concatenation into a DEX file. The bootstrap method itself (the JDK's
 * {@code LambdaMetafactory}) and its other arguments (method types, a record's field names) are fed to the
 * fingerprint only: they are not calls nor data of the app.
 *
 * <p>The fingerprint takes each instruction's opcode, the methods, fields, classes and strings it names,
 * and the literals it pushes (ICONST, BIPUSH, SIPUSH, numbers by LDC, IINC's increment, switch keys),
 * never local variable indexes nor branch targets.
 */
public final class JvmClassReader {
    /** The class file's own flags, without the pseudo-flags ASM adds above them (deprecated, record). */
    private static final int JVM_FLAGS = 0xffff;

    private JvmClassReader() {
    }

    /** The class in the class file; a damaged or unsupported one is a one-line {@link CodeFormatException}. */
    public static CodeClass read(byte[] classFile, String source, CodeLimits limits) throws CodeFormatException {
        try {
            ClassReader reader = new ClassReader(classFile);
            ClassCollector collector = new ClassCollector(source, limits);
            reader.accept(collector, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
            if (collector.failure != null) {
                throw collector.failure;
            }
            return collector.build();
        } catch (RuntimeException e) {
            // ASM reports a truncated table, a bad constant or an unknown version with unchecked exceptions.
            throw new CodeFormatException(source + ": not a readable class file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())) + ")", e);
        }
    }

    /** A dotted class name from an internal name ({@code a/B$C}) or an array descriptor ({@code [La/B;}). */
    static String dotted(String internalOrArray) {
        if (internalOrArray.startsWith("[")) {
            return Type.getType(internalOrArray).getClassName();
        }
        return internalOrArray.replace('/', '.');
    }

    /** At most {@code maxBytes} of the string's UTF-8 form, cut between code points. */
    static String cut(String s, int maxBytes) {
        if ((long) s.length() * 3 <= maxBytes) {
            return s;
        }
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > maxBytes) {
                return s.substring(0, i);
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return s;
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    /** Collects the class header, its fields' constant strings and its methods. */
    private static final class ClassCollector extends ClassVisitor {
        private final String source;
        private final CodeLimits limits;
        private final List<MethodCollector> methods = new ArrayList<>();
        private final Set<String> constants = new LinkedHashSet<>();
        private String name;
        private String superName;
        private List<String> interfaces = List.of();
        private int access;
        private CodeFormatException failure;

        ClassCollector(String source, CodeLimits limits) {
            super(Opcodes.ASM9);
            this.source = source;
            this.limits = limits;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.name = dotted(name);
            this.superName = superName == null ? null : dotted(superName);
            this.access = access & JVM_FLAGS;
            List<String> list = new ArrayList<>();
            if (interfaces != null) {
                for (String i : interfaces) {
                    list.add(dotted(i));
                }
            }
            this.interfaces = list;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if (value instanceof String s) {
                constants.add(cut(s, limits.maxStringBytes()));
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodCollector m = new MethodCollector(this, access, name, descriptor);
            methods.add(m);
            return m;
        }

        CodeClass build() {
            List<CodeMethod> list = new ArrayList<>(methods.size());
            for (MethodCollector m : methods) {
                list.add(m.build());
            }
            return new CodeClass(name, superName, interfaces, access, source, list, new ArrayList<>(constants));
        }
    }

    /** Collects one method's references and feeds its fingerprint, instruction by instruction. */
    private static final class MethodCollector extends MethodVisitor {
        private final ClassCollector owner;
        private final int access;
        private final String name;
        private final String descriptor;
        private final Set<MethodRef> calls = new LinkedHashSet<>();
        private final Set<String> classRefs = new LinkedHashSet<>();
        private final Set<String> strings = new LinkedHashSet<>();
        private final FingerprintBuilder fingerprint = new FingerprintBuilder();
        private int instructions;

        MethodCollector(ClassCollector owner, int access, String name, String descriptor) {
            super(Opcodes.ASM9);
            this.owner = owner;
            this.access = access & JVM_FLAGS;
            this.name = name;
            this.descriptor = descriptor;
        }

        CodeMethod build() {
            return new CodeMethod(name, descriptor, access, new ArrayList<>(calls), new ArrayList<>(classRefs),
                    new ArrayList<>(strings), instructions, instructions == 0 ? 0 : fingerprint.build());
        }

        private void instruction(int opcode) {
            instructions++;
            if (instructions == owner.limits.maxInstructions() + 1 && owner.failure == null) {
                owner.failure = new CodeFormatException(owner.source + ": method " + name + descriptor + " has more than "
                        + owner.limits.maxInstructions() + " instructions");
            }
        }

        private void call(String ownerName, String methodName, String methodDescriptor) {
            MethodRef ref = new MethodRef(dotted(ownerName), methodName, methodDescriptor);
            calls.add(ref);
            fingerprint.methodRef(ref);
        }

        private void classRef(String internalOrArray) {
            String dotted = dotted(internalOrArray);
            classRefs.add(dotted);
            fingerprint.classRef(dotted);
        }

        private void string(String value) {
            String kept = cut(value, owner.limits.maxStringBytes());
            strings.add(kept);
            fingerprint.string(kept);
        }

        @Override
        public void visitInsn(int opcode) {
            instruction(opcode);
            if (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) {
                fingerprint.literal(opcode - Opcodes.ICONST_0);
            }
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            instruction(opcode);
            fingerprint.literal(operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            instruction(opcode);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            instruction(opcode);
            classRef(type);
        }

        @Override
        public void visitFieldInsn(int opcode, String fieldOwner, String fieldName, String fieldDescriptor) {
            instruction(opcode);
            String dotted = dotted(fieldOwner);
            classRefs.add(dotted);
            fingerprint.fieldRef(dotted, fieldName, fieldDescriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String methodOwner, String methodName, String methodDescriptor,
                                    boolean isInterface) {
            instruction(opcode);
            call(methodOwner, methodName, methodDescriptor);
        }

        @Override
        public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap, Object... arguments) {
            instruction(Opcodes.INVOKEDYNAMIC);
            fingerprint.methodRef(new MethodRef(dotted(bootstrap.getOwner()), bootstrap.getName(), bootstrap.getDesc()));
            boolean concat = "java/lang/invoke/StringConcatFactory".equals(bootstrap.getOwner());
            for (Object argument : arguments) {
                if (concat && argument instanceof String recipe) {
                    recipeConstants(recipe);
                } else {
                    constant(argument, true);
                }
            }
        }

        /** The literal text of a concatenation recipe, between its argument (\1) and constant (\2) markers. */
        private void recipeConstants(String recipe) {
            int start = 0;
            for (int i = 0; i <= recipe.length(); i++) {
                if (i == recipe.length() || recipe.charAt(i) == '\u0001' || recipe.charAt(i) == '\u0002') {
                    if (i > start) {
                        string(recipe.substring(start, i));
                    }
                    start = i + 1;
                }
            }
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            instruction(opcode);
        }

        @Override
        public void visitLdcInsn(Object value) {
            instruction(Opcodes.LDC);
            constant(value, false);
        }

        /**
         * A loaded constant (LDC), or an argument of a bootstrap method: there only handles are kept as calls
         * and field owners, since its strings and types configure the linkage (a record's field names) rather
         * than being data of the app; all of it is fed to the fingerprint.
         */
        private void constant(Object value, boolean bootstrapArgument) {
            if (value instanceof String s) {
                if (bootstrapArgument) {
                    fingerprint.string(s);
                } else {
                    string(s);
                }
            } else if (value instanceof Type t) {
                if (t.getSort() != Type.OBJECT && t.getSort() != Type.ARRAY) {
                    fingerprint.string(FingerprintBuilder.abstractDescriptor(t.getDescriptor()));
                } else if (bootstrapArgument) {
                    fingerprint.classRef(dotted(t.getInternalName()));
                } else {
                    classRef(t.getInternalName());
                }
            } else if (value instanceof Integer i) {
                fingerprint.literal(i);
            } else if (value instanceof Long l) {
                fingerprint.literal(l);
            } else if (value instanceof Float f) {
                fingerprint.literal(Float.floatToRawIntBits(f));
            } else if (value instanceof Double d) {
                fingerprint.literal(Double.doubleToRawLongBits(d));
            } else if (value instanceof Handle h) {
                if (h.getTag() >= Opcodes.H_INVOKEVIRTUAL) {
                    call(h.getOwner(), h.getName(), h.getDesc());
                } else {
                    String dotted = dotted(h.getOwner());
                    classRefs.add(dotted);
                    fingerprint.fieldRef(dotted, h.getName(), h.getDesc());
                }
            } else if (value instanceof ConstantDynamic c) {
                Handle b = c.getBootstrapMethod();
                fingerprint.methodRef(new MethodRef(dotted(b.getOwner()), b.getName(), b.getDesc()));
                for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                    constant(c.getBootstrapMethodArgument(i), true);
                }
            }
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            instruction(Opcodes.IINC);
            fingerprint.literal(increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            instruction(Opcodes.TABLESWITCH);
            fingerprint.literal(min).literal(max);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            instruction(Opcodes.LOOKUPSWITCH);
            for (int key : keys) {
                fingerprint.literal(key);
            }
        }

        @Override
        public void visitMultiANewArrayInsn(String arrayDescriptor, int numDimensions) {
            instruction(Opcodes.MULTIANEWARRAY);
            classRef(arrayDescriptor);
            fingerprint.literal(numDimensions);
        }
    }
}
