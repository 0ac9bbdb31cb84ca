package org.telltale.apk.dex;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jf.dexlib2.AccessFlags;
import org.jf.dexlib2.MethodHandleType;
import org.jf.dexlib2.Opcode;
import org.jf.dexlib2.Opcodes;
import org.jf.dexlib2.builder.BuilderInstruction;
import org.jf.dexlib2.builder.MethodImplementationBuilder;
import org.jf.dexlib2.builder.SwitchLabelElement;
import org.jf.dexlib2.builder.instruction.BuilderArrayPayload;
import org.jf.dexlib2.builder.instruction.BuilderInstruction10x;
import org.jf.dexlib2.builder.instruction.BuilderInstruction11n;
import org.jf.dexlib2.builder.instruction.BuilderInstruction11x;
import org.jf.dexlib2.builder.instruction.BuilderInstruction21c;
import org.jf.dexlib2.builder.instruction.BuilderInstruction21ih;
import org.jf.dexlib2.builder.instruction.BuilderInstruction21lh;
import org.jf.dexlib2.builder.instruction.BuilderInstruction21s;
import org.jf.dexlib2.builder.instruction.BuilderInstruction22b;
import org.jf.dexlib2.builder.instruction.BuilderInstruction22c;
import org.jf.dexlib2.builder.instruction.BuilderInstruction22s;
import org.jf.dexlib2.builder.instruction.BuilderInstruction31c;
import org.jf.dexlib2.builder.instruction.BuilderInstruction31i;
import org.jf.dexlib2.builder.instruction.BuilderInstruction31t;
import org.jf.dexlib2.builder.instruction.BuilderInstruction35c;
import org.jf.dexlib2.builder.instruction.BuilderInstruction3rc;
import org.jf.dexlib2.builder.instruction.BuilderInstruction45cc;
import org.jf.dexlib2.builder.instruction.BuilderInstruction51l;
import org.jf.dexlib2.builder.instruction.BuilderPackedSwitchPayload;
import org.jf.dexlib2.builder.instruction.BuilderSparseSwitchPayload;
import org.jf.dexlib2.iface.ClassDef;
import org.jf.dexlib2.iface.Field;
import org.jf.dexlib2.iface.Method;
import org.jf.dexlib2.immutable.ImmutableClassDef;
import org.jf.dexlib2.immutable.ImmutableField;
import org.jf.dexlib2.immutable.ImmutableMethod;
import org.jf.dexlib2.immutable.ImmutableMethodParameter;
import org.jf.dexlib2.immutable.reference.ImmutableCallSiteReference;
import org.jf.dexlib2.immutable.reference.ImmutableFieldReference;
import org.jf.dexlib2.immutable.reference.ImmutableMethodHandleReference;
import org.jf.dexlib2.immutable.reference.ImmutableMethodProtoReference;
import org.jf.dexlib2.immutable.reference.ImmutableMethodReference;
import org.jf.dexlib2.immutable.reference.ImmutableStringReference;
import org.jf.dexlib2.immutable.reference.ImmutableTypeReference;
import org.jf.dexlib2.immutable.value.ImmutableIntEncodedValue;
import org.jf.dexlib2.immutable.value.ImmutableMethodHandleEncodedValue;
import org.jf.dexlib2.immutable.value.ImmutableStringEncodedValue;
import org.jf.dexlib2.writer.io.MemoryDataStore;
import org.jf.dexlib2.writer.pool.DexPool;

/**
 * A small app written as a real DEX file by dexlib2 2.5.2 (the smali project's writer): a "tracker"
 * class with static final String endpoints, a method that builds a URL from a string constant and
 * opens it, loads literals of every width, switches (packed and sparse payloads), fills an array
 * (fill-array-data payload) and calls a helper; from API 26 (DEX 038) also invoke-polymorphic and
 * invoke-custom. The app's own class,
 * method and field names come from {@link Names}, so the same code can be written renamed, the way
 * R8 or ProGuard would rename it.
 */
final class SampleDex {
    /** The names the app defines (descriptors and simple names), readable or obfuscated. */
    record Names(String beacon, String helper, String send, String hash, String bootstrap, String context,
                 String endpoint) {
        static final Names READABLE = new Names("Lcom/example/tracker/Beacon;", "Lcom/example/tracker/Helper;",
                "send", "hash", "bootstrap", "context", "ENDPOINT");
        static final Names RENAMED = new Names("La/a/b;", "La/a/c;", "a", "b", "c", "d", "e");
    }

    /** Changes to the code itself, for the tests that a fingerprint notices them. */
    record Variant(String eventsUrl, String openMethod) {
        static final Variant ORIGINAL = new Variant("https://t.example.com/v1/events", "openConnection");
    }

    static final String ENDPOINT_VALUE = "https://t.example.com/collect";
    static final String HOST_VALUE = "api.example.net";
    static final String IMEI = "imei";

    private final Names n;
    private final Variant variant;
    private final int api;
    /** How many instructions (not payloads) each method got, by method name. */
    final java.util.Map<String, Integer> instructionCounts = new java.util.HashMap<>();

    SampleDex(int api, Names names, Variant variant) {
        this.api = api;
        this.n = names;
        this.variant = variant;
    }

    /** The DEX file's bytes. */
    byte[] write() throws IOException {
        DexPool pool = new DexPool(Opcodes.forApi(api));
        pool.internClass(beacon());
        pool.internClass(helper());
        MemoryDataStore store = new MemoryDataStore();
        pool.writeTo(store);
        return Arrays.copyOf(store.getBuffer(), store.getSize());
    }

    private ClassDef beacon() {
        List<Field> fields = List.of(
                new ImmutableField(n.beacon(), n.endpoint(), "Ljava/lang/String;", AccessFlags.PUBLIC.getValue()
                        | AccessFlags.STATIC.getValue() | AccessFlags.FINAL.getValue(), new ImmutableStringEncodedValue(ENDPOINT_VALUE), null, null),
                new ImmutableField(n.beacon(), "HOST", "Ljava/lang/String;", AccessFlags.STATIC.getValue() | AccessFlags.FINAL.getValue(),
                        new ImmutableStringEncodedValue(HOST_VALUE), null, null),
                new ImmutableField(n.beacon(), "VERSION", "I", AccessFlags.STATIC.getValue() | AccessFlags.FINAL.getValue(),
                        new ImmutableIntEncodedValue(3), null, null),
                new ImmutableField(n.beacon(), n.context(), "Landroid/content/Context;", AccessFlags.PRIVATE.getValue(), null, null, null));
        List<Method> methods = new ArrayList<>();
        methods.add(method(n.beacon(), "<init>", List.of("Landroid/content/Context;"), "V",
                AccessFlags.PUBLIC.getValue() | AccessFlags.CONSTRUCTOR.getValue(), constructor()));
        methods.add(method(n.beacon(), n.send(), List.of("Ljava/lang/String;"), "I", AccessFlags.PUBLIC.getValue(), send()));
        methods.add(method(n.beacon(), "check", List.of(), "Z", AccessFlags.PUBLIC.getValue() | AccessFlags.NATIVE.getValue(), null));
        if (api >= 26) {
            methods.add(method(n.beacon(), "modern", List.of("Ljava/lang/invoke/MethodHandle;"), "V", AccessFlags.PUBLIC.getValue(), modern()));
        }
        return new ImmutableClassDef(n.beacon(), AccessFlags.PUBLIC.getValue() | AccessFlags.FINAL.getValue(), "Ljava/lang/Object;",
                List.of("Ljava/lang/Runnable;"), null, null, fields, methods);
    }

    private ClassDef helper() {
        List<Method> methods = new ArrayList<>();
        methods.add(method(n.helper(), n.hash(), List.of("Ljava/lang/String;"), "Ljava/lang/String;",
                AccessFlags.PUBLIC.getValue() | AccessFlags.STATIC.getValue(), hash()));
        methods.add(method(n.helper(), n.bootstrap(), List.of("Ljava/lang/invoke/MethodHandles$Lookup;", "Ljava/lang/String;",
                "Ljava/lang/invoke/MethodType;"), "Ljava/lang/invoke/CallSite;", AccessFlags.PUBLIC.getValue() | AccessFlags.STATIC.getValue()
                | AccessFlags.NATIVE.getValue(), null));
        return new ImmutableClassDef(n.helper(), AccessFlags.PUBLIC.getValue() | AccessFlags.ABSTRACT.getValue(), "Ljava/lang/Object;",
                List.of("Ljava/io/Serializable;", "Ljava/lang/Cloneable;"), null, null, List.of(), methods);
    }

    private static Method method(String owner, String name, List<String> parameters, String returns, int access,
                                 MethodImplementationBuilder code) {
        List<ImmutableMethodParameter> params = parameters.stream().map(p -> new ImmutableMethodParameter(p, null, null)).toList();
        return new ImmutableMethod(owner, name, params, returns, access, null, null, code == null ? null : code.getMethodImplementation());
    }

    private MethodImplementationBuilder constructor() {
        Code c = new Code("<init>", 2);
        c.add(new BuilderInstruction35c(Opcode.INVOKE_DIRECT, 1, 0, 0, 0, 0, 0, method("Ljava/lang/Object;", "<init>", "V")));
        c.add(new BuilderInstruction22c(Opcode.IPUT_OBJECT, 1, 0, field(n.beacon(), n.context(), "Landroid/content/Context;")));
        c.add(new BuilderInstruction10x(Opcode.RETURN_VOID));
        return c.done();
    }

    private MethodImplementationBuilder send() {
        Code c = new Code(n.send(), 12); // p0 = v10, p1 = v11
        c.add(new BuilderInstruction21c(Opcode.CONST_STRING, 0, new ImmutableStringReference(variant.eventsUrl())));
        c.add(new BuilderInstruction21c(Opcode.NEW_INSTANCE, 1, new ImmutableTypeReference("Ljava/net/URL;")));
        c.add(new BuilderInstruction35c(Opcode.INVOKE_DIRECT, 2, 1, 0, 0, 0, 0, method("Ljava/net/URL;", "<init>", "V", "Ljava/lang/String;")));
        c.add(new BuilderInstruction35c(Opcode.INVOKE_VIRTUAL, 1, 1, 0, 0, 0, 0,
                method("Ljava/net/URL;", variant.openMethod(), variant.openMethod().equals("openStream") ? "Ljava/io/InputStream;" : "Ljava/net/URLConnection;")));
        c.add(new BuilderInstruction11x(Opcode.MOVE_RESULT_OBJECT, 1));
        c.add(new BuilderInstruction21c(Opcode.CHECK_CAST, 1, new ImmutableTypeReference("Ljava/net/HttpURLConnection;")));
        c.add(new BuilderInstruction21c(Opcode.SGET_OBJECT, 2, field(n.beacon(), n.endpoint(), "Ljava/lang/String;")));
        c.add(new BuilderInstruction22c(Opcode.IGET_OBJECT, 3, 10, field(n.beacon(), n.context(), "Landroid/content/Context;")));
        c.add(new BuilderInstruction31c(Opcode.CONST_STRING_JUMBO, 0, new ImmutableStringReference(IMEI)));
        c.add(new BuilderInstruction21c(Opcode.CONST_STRING, 0, new ImmutableStringReference(variant.eventsUrl()))); // a repeat
        c.add(new BuilderInstruction21c(Opcode.CONST_CLASS, 2, new ImmutableTypeReference(n.helper())));
        c.add(new BuilderInstruction22c(Opcode.INSTANCE_OF, 4, 2, new ImmutableTypeReference("Ljava/lang/String;")));
        c.add(new BuilderInstruction11n(Opcode.CONST_4, 4, -3));
        c.add(new BuilderInstruction21s(Opcode.CONST_16, 4, 1000));
        c.add(new BuilderInstruction31i(Opcode.CONST, 4, 0x12345678));
        c.add(new BuilderInstruction21ih(Opcode.CONST_HIGH16, 4, 0x7f010000));
        c.add(new BuilderInstruction51l(Opcode.CONST_WIDE, 6, 0x1122334455667788L));
        c.add(new BuilderInstruction21s(Opcode.CONST_WIDE_16, 6, -2));
        c.add(new BuilderInstruction31i(Opcode.CONST_WIDE_32, 6, 70000));
        c.add(new BuilderInstruction21lh(Opcode.CONST_WIDE_HIGH16, 6, 0x4000000000000000L));
        c.add(new BuilderInstruction22b(Opcode.ADD_INT_LIT8, 4, 4, 7));
        c.add(new BuilderInstruction22s(Opcode.MUL_INT_LIT16, 4, 4, 300));
        c.add(new BuilderInstruction11n(Opcode.CONST_4, 5, 2));
        c.add(new BuilderInstruction22c(Opcode.NEW_ARRAY, 8, 5, new ImmutableTypeReference("[Ljava/lang/StringBuilder;")));
        c.add(new BuilderInstruction22c(Opcode.NEW_ARRAY, 8, 5, new ImmutableTypeReference("[I")));
        c.add(new BuilderInstruction35c(Opcode.FILLED_NEW_ARRAY, 2, 4, 5, 0, 0, 0, new ImmutableTypeReference("[I")));
        c.add(new BuilderInstruction35c(Opcode.INVOKE_STATIC, 1, 11, 0, 0, 0, 0, method(n.helper(), n.hash(), "Ljava/lang/String;", "Ljava/lang/String;")));
        c.add(new BuilderInstruction3rc(Opcode.INVOKE_VIRTUAL_RANGE, 3, 1, method("Landroid/content/Context;", "getPackageName", "Ljava/lang/String;")));
        c.add(new BuilderInstruction31t(Opcode.PACKED_SWITCH, 4, c.label("packed")));
        c.add(new BuilderInstruction31t(Opcode.SPARSE_SWITCH, 4, c.label("sparse")));
        c.add(new BuilderInstruction31t(Opcode.FILL_ARRAY_DATA, 8, c.label("array")));
        c.mark("target");
        c.add(new BuilderInstruction11x(Opcode.RETURN, 4));
        c.mark("packed");
        c.payload(new BuilderPackedSwitchPayload(10, List.of(c.label("target"), c.label("target"), c.label("target"))));
        c.mark("sparse");
        c.payload(new BuilderSparseSwitchPayload(List.of(new SwitchLabelElement(-5, c.label("target")),
                new SwitchLabelElement(1 << 20, c.label("target")))));
        c.mark("array");
        c.payload(new BuilderArrayPayload(4, List.of(1, 2, 3, 5, 8)));
        return c.done();
    }

    private MethodImplementationBuilder hash() {
        Code c = new Code(n.hash(), 2); // p0 = v1
        c.add(new BuilderInstruction35c(Opcode.INVOKE_VIRTUAL, 1, 1, 0, 0, 0, 0, method("Ljava/lang/String;", "hashCode", "I")));
        c.add(new BuilderInstruction11x(Opcode.MOVE_RESULT, 0));
        c.add(new BuilderInstruction35c(Opcode.INVOKE_STATIC, 1, 0, 0, 0, 0, 0, method("Ljava/lang/Integer;", "toHexString", "Ljava/lang/String;", "I")));
        c.add(new BuilderInstruction11x(Opcode.MOVE_RESULT_OBJECT, 0));
        c.add(new BuilderInstruction11x(Opcode.RETURN_OBJECT, 0));
        return c.done();
    }

    /** invoke-polymorphic and invoke-custom (DEX 038). */
    private MethodImplementationBuilder modern() {
        Code c = new Code("modern", 4); // p0 = v2, p1 = v3
        ImmutableMethodReference hashRef = method(n.helper(), n.hash(), "Ljava/lang/String;", "Ljava/lang/String;");
        ImmutableMethodHandleReference hashHandle = new ImmutableMethodHandleReference(MethodHandleType.INVOKE_STATIC, hashRef);
        c.add(new BuilderInstruction45cc(Opcode.INVOKE_POLYMORPHIC, 2, 3, 2, 0, 0, 0,
                method("Ljava/lang/invoke/MethodHandle;", "invokeExact", "Ljava/lang/Object;", "[Ljava/lang/Object;"),
                new ImmutableMethodProtoReference(List.of("Ljava/lang/String;"), "I"))); // a proto the file has anyway:
        // dexlib2 2.5.2 does not add invoke-polymorphic's proto to the file by itself
        ImmutableMethodHandleReference bootstrap = new ImmutableMethodHandleReference(MethodHandleType.INVOKE_STATIC,
                method(n.helper(), n.bootstrap(), "Ljava/lang/invoke/CallSite;", "Ljava/lang/invoke/MethodHandles$Lookup;",
                        "Ljava/lang/String;", "Ljava/lang/invoke/MethodType;"));
        c.add(new BuilderInstruction35c(Opcode.INVOKE_CUSTOM, 0, 0, 0, 0, 0, 0, new ImmutableCallSiteReference("site0", bootstrap,
                "run", new ImmutableMethodProtoReference(List.of(), "Ljava/lang/Runnable;"),
                List.of(new ImmutableMethodHandleEncodedValue(hashHandle), new ImmutableMethodHandleEncodedValue(
                        new ImmutableMethodHandleReference(MethodHandleType.STATIC_GET, field("Landroid/os/Build;", "MODEL", "Ljava/lang/String;")))))));
        // const-method-handle and const-method-type (039) are left out: dexlib2 2.5.2 cannot write them
        // ("Unrecognized reference type: 6" and ": 4"); DexlibWrittenTest patches one in instead
        c.add(new BuilderInstruction10x(Opcode.RETURN_VOID));
        return c.done();
    }

    static ImmutableMethodReference method(String owner, String name, String returns, String... parameters) {
        return new ImmutableMethodReference(owner, name, List.of(parameters), returns);
    }

    static ImmutableFieldReference field(String owner, String name, String type) {
        return new ImmutableFieldReference(owner, name, type);
    }

    /** One method's code being written, counting its instructions (payloads apart). */
    private final class Code {
        private final String name;
        private final MethodImplementationBuilder builder;
        private int instructions;

        Code(String name, int registers) {
            this.name = name;
            this.builder = new MethodImplementationBuilder(registers);
        }

        void add(BuilderInstruction insn) {
            builder.addInstruction(insn);
            instructions++;
        }

        void payload(BuilderInstruction payload) {
            builder.addInstruction(payload);
        }

        org.jf.dexlib2.builder.Label label(String label) {
            return builder.getLabel(label);
        }

        void mark(String label) {
            builder.addLabel(label);
        }

        MethodImplementationBuilder done() {
            instructionCounts.put(name, instructions);
            return builder;
        }
    }

    static final Set<Integer> APIS = Set.of(23, 24, 26, 28);
}
