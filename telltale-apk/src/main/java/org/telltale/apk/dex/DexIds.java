package org.telltale.apk.dex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.code.FingerprintBuilder;
import org.telltale.apk.code.MethodRef;

/**
 * One DEX file's id tables (strings, types, protos, fields, methods, and the method handles and call
 * sites its map lists), each entry resolved the first time code names it and kept: a string is
 * decoded once, every call to the same method shares one {@link MethodRef}, every use of a type one
 * dotted name, and each reference's fingerprint token is encoded once.
 */
final class DexIds {
    private static final int NO_INDEX = -1;
    private static final int TYPE_CALL_SITE_ID_ITEM = 0x0007;
    private static final int TYPE_METHOD_HANDLE_ITEM = 0x0008;
    private static final int FIELD_HANDLE_KINDS = 4;

    /** A field named by code. */
    record FieldRef(String owner, int ownerType, String name, String typeDescriptor) {
    }

    private final DexInput in;
    private final DexHeader header;
    private final int maxStringBytes;

    private final Resolved<String> strings;
    private final Resolved<String> typeNames;
    private final Resolved<String> protoDescriptors;
    private final Resolved<MethodRef> methods;
    private final Resolved<FieldRef> fields;
    private final Resolved<FingerprintBuilder.Token> stringTokens;
    private final Resolved<FingerprintBuilder.Token> typeTokens;
    private final Resolved<FingerprintBuilder.Token> methodTokens;
    private final Resolved<FingerprintBuilder.Token> fieldTokens;
    /** Per type, the class a reference to it names (arrays name their element class) as a small key, -1 for none, -2 not yet known. */
    private final int[] classKeys;
    private final List<String> classKeyNames = new ArrayList<>();
    private final Map<String, Integer> classKeyByName = new HashMap<>();
    private final Map<Integer, List<String>> typeLists = new HashMap<>();
    private final Map<Integer, String> cutConstants = new HashMap<>();

    private int methodHandlesOff;
    private int methodHandlesSize = -1;
    private int callSitesOff;
    private int callSitesSize;
    private int[][] callSiteHandles;

    DexIds(DexInput in, DexHeader header, CodeLimits limits) throws CodeFormatException {
        this.in = in;
        this.header = header;
        this.maxStringBytes = limits.maxStringBytes();
        // code names types, protos, fields and methods by 16-bit indexes, so a larger table is no real DEX
        atMost("type_ids", header.typeIdsSize(), 65_535);
        atMost("proto_ids", header.protoIdsSize(), 65_535);
        atMost("field_ids", header.fieldIdsSize(), 65_536);
        atMost("method_ids", header.methodIdsSize(), 65_536);
        in.check("string_ids", header.stringIdsOff(), header.stringIdsSize() * 4L);
        in.check("type_ids", header.typeIdsOff(), header.typeIdsSize() * 4L);
        in.check("proto_ids", header.protoIdsOff(), header.protoIdsSize() * 12L);
        in.check("field_ids", header.fieldIdsOff(), header.fieldIdsSize() * 8L);
        in.check("method_ids", header.methodIdsOff(), header.methodIdsSize() * 8L);
        strings = new Resolved<>("string", header.stringIdsSize(), this::readString);
        stringTokens = new Resolved<>("string", header.stringIdsSize(), i -> FingerprintBuilder.stringToken(constant(i)));
        typeNames = new Resolved<>("type", header.typeIdsSize(), i -> dotted(typeDescriptor(i)));
        typeTokens = new Resolved<>("type", header.typeIdsSize(), i -> FingerprintBuilder.classRefToken(typeName(i)));
        classKeys = new int[header.typeIdsSize()];
        Arrays.fill(classKeys, -2);
        protoDescriptors = new Resolved<>("proto", header.protoIdsSize(), this::readProto);
        methods = new Resolved<>("method", header.methodIdsSize(), this::readMethod);
        methodTokens = new Resolved<>("method", header.methodIdsSize(), i -> FingerprintBuilder.methodRefToken(method(i)));
        fields = new Resolved<>("field", header.fieldIdsSize(), this::readField);
        fieldTokens = new Resolved<>("field", header.fieldIdsSize(), i -> {
            FieldRef f = field(i);
            return FingerprintBuilder.fieldRefToken(f.owner(), f.name(), f.typeDescriptor());
        });
    }

    int stringCount() {
        return strings.size();
    }

    int typeCount() {
        return typeNames.size();
    }

    int methodCount() {
        return methods.size();
    }

    /** The string with that index, whole: a name (of a class, method, field) or a constant. */
    String string(int index) throws CodeFormatException {
        return strings.get(index);
    }

    /** The string with that index as a constant code loads or a static field holds: cut at the string limit. */
    String constant(int index) throws CodeFormatException {
        String s = string(index);
        if (s.length() * 3L <= maxStringBytes) {
            return s; // no longer than the limit even if every char took three bytes
        }
        String cut = cutConstants.get(index);
        if (cut == null) {
            int off = in.offset("string_id", header.stringIdsOff() + 4 * index);
            DexInput.Cursor c = in.cursor("string_data", off);
            c.uleb();
            cut = Mutf8.decode(in.data, c.pos, in.end, maxStringBytes);
            cutConstants.put(index, cut);
        }
        return cut;
    }

    private String readString(int index) throws CodeFormatException {
        int off = in.offset("string_id", header.stringIdsOff() + 4 * index);
        DexInput.Cursor c = in.cursor("string_data", off);
        c.uleb(); // the UTF-16 length, which may lie; the zero byte ends the string
        String s = Mutf8.decode(in.data, c.pos, in.end, Integer.MAX_VALUE);
        in.spend(c.consumed() + s.length(), "string_data", off);
        return s;
    }

    /** The type's descriptor, {@code Ljava/lang/String;} or {@code [I}. */
    String typeDescriptor(int index) throws CodeFormatException {
        checkIndex("type", index, typeNames.size());
        return string(in.offset("type_id", header.typeIdsOff() + 4 * index));
    }

    /** The type's name in Java's dotted form: {@code java.lang.String}, {@code int[]}. */
    String typeName(int index) throws CodeFormatException {
        return typeNames.get(index);
    }

    /** The type's name, or null for the NO_INDEX a class without a superclass has. */
    String typeNameOrNull(int index) throws CodeFormatException {
        return index == NO_INDEX ? null : typeName(index);
    }

    FingerprintBuilder.Token typeToken(int index) throws CodeFormatException {
        return typeTokens.get(index);
    }

    FingerprintBuilder.Token stringToken(int index) throws CodeFormatException {
        return stringTokens.get(index);
    }

    /**
     * The class a reference to this type names, as a key from 0 to {@link #typeCount} (the same key
     * for {@code Lcom/a/B;} and {@code [Lcom/a/B;}), or -1 for a primitive or an array of them.
     */
    int classKey(int index) throws CodeFormatException {
        checkIndex("type", index, classKeys.length);
        int key = classKeys[index];
        if (key == -2) {
            String descriptor = typeDescriptor(index);
            int element = 0;
            while (element < descriptor.length() && descriptor.charAt(element) == '[') {
                element++;
            }
            if (element < descriptor.length() && descriptor.charAt(element) == 'L') {
                String name = element == 0 ? typeName(index) : dotted(descriptor.substring(element));
                key = classKeyByName.computeIfAbsent(name, n -> {
                    classKeyNames.add(n);
                    return classKeyNames.size() - 1;
                });
            } else {
                key = -1;
            }
            classKeys[index] = key;
        }
        return key;
    }

    /** The dotted class name of a key from {@link #classKey}. */
    String classKeyName(int key) {
        return classKeyNames.get(key);
    }

    /** The proto's descriptor, {@code (Ljava/lang/String;I)V}. */
    String protoDescriptor(int index) throws CodeFormatException {
        return protoDescriptors.get(index);
    }

    private String readProto(int index) throws CodeFormatException {
        int at = header.protoIdsOff() + 12 * index;
        String returns = typeDescriptor(in.offset("proto_id", at + 4));
        int parametersOff = in.offset("proto_id", at + 8);
        StringBuilder b = new StringBuilder().append('(');
        if (parametersOff != 0) {
            int size = typeListSize(parametersOff);
            for (int i = 0; i < size; i++) {
                b.append(typeDescriptor(in.u2(parametersOff + 4 + 2 * i)));
            }
        }
        return b.append(')').append(returns).toString();
    }

    /** The method with that index; the same object every time. */
    MethodRef method(int index) throws CodeFormatException {
        return methods.get(index);
    }

    private MethodRef readMethod(int index) throws CodeFormatException {
        int at = header.methodIdsOff() + 8 * index;
        return new MethodRef(typeName(in.u2(at)), string(in.offset("method_id", at + 4)), protoDescriptor(in.u2(at + 2)));
    }

    FingerprintBuilder.Token methodToken(int index) throws CodeFormatException {
        return methodTokens.get(index);
    }

    /** The field with that index. */
    FieldRef field(int index) throws CodeFormatException {
        return fields.get(index);
    }

    private FieldRef readField(int index) throws CodeFormatException {
        int at = header.fieldIdsOff() + 8 * index;
        int owner = in.u2(at);
        return new FieldRef(typeName(owner), owner, string(in.offset("field_id", at + 4)), typeDescriptor(in.u2(at + 2)));
    }

    FingerprintBuilder.Token fieldToken(int index) throws CodeFormatException {
        return fieldTokens.get(index);
    }

    /** The dotted names of a type_list (a class's interfaces), shared by every class that points at the same list. */
    List<String> typeList(int off) throws CodeFormatException {
        List<String> names = typeLists.get(off);
        if (names == null) {
            int size = typeListSize(off);
            String[] out = new String[size];
            for (int i = 0; i < size; i++) {
                out[i] = typeName(in.u2(off + 4 + 2 * i));
            }
            names = List.of(out);
            typeLists.put(off, names);
        }
        return names;
    }

    private int typeListSize(int off) throws CodeFormatException {
        in.check("type_list", off, 4);
        int size = in.offset("type_list", off);
        in.check("type_list", off, 4 + 2L * size);
        in.spend(4 + 2L * size, "type_list", off);
        return size;
    }

    /**
     * A method handle: its target as {@code kind * 65536 + index}, where a kind below 4 is a field
     * accessor (index into field_ids) and 4 and above invokes a method (index into method_ids).
     */
    int methodHandle(int index) throws CodeFormatException {
        readMap();
        checkIndex("method_handle", index, methodHandlesSize);
        int at = methodHandlesOff + 8 * index;
        return (in.u2(at) << 16) | in.u2(at + 4);
    }

    static boolean isFieldHandle(int handle) {
        return (handle >>> 16) < FIELD_HANDLE_KINDS;
    }

    /** The method handles a call site's arguments hold (its bootstrap method first), as {@link #methodHandle} gives them. */
    int[] callSiteHandles(int index) throws CodeFormatException {
        readMap();
        checkIndex("call_site", index, callSitesSize);
        int[] handles = callSiteHandles[index];
        if (handles == null) {
            List<Integer> values = indexes("call_site", in.offset("call_site_id", callSitesOff + 4 * index),
                    EncodedValues.VALUE_METHOD_HANDLE);
            handles = new int[values.size()];
            for (int i = 0; i < handles.length; i++) {
                handles[i] = methodHandle(values.get(i));
            }
            callSiteHandles[index] = handles;
        }
        return handles;
    }

    /** The string values of a static_values array (the other values are not kept). */
    List<String> staticStrings(int off) throws CodeFormatException {
        List<Integer> values = indexes("encoded_array", off, EncodedValues.VALUE_STRING);
        String[] out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = constant(values.get(i));
        }
        return List.of(out);
    }

    /**
     * The indexes the top-level values of one type in the encoded_array at {@code off} hold; one too
     * large for an int becomes -1, which no table has.
     */
    private List<Integer> indexes(String what, int off, int valueType) throws CodeFormatException {
        DexInput.Cursor c = in.cursor(what, off);
        List<Integer> values = new ArrayList<>();
        EncodedValues.readArray(c, (type, value) -> {
            if (type == valueType) {
                values.add(value > Integer.MAX_VALUE ? -1 : (int) value);
            }
        });
        in.spend(c.consumed(), what, off);
        return values;
    }

    /** Finds the method handle and call site tables, which only the map_list locates; once, when code first needs them. */
    private void readMap() throws CodeFormatException {
        if (methodHandlesSize >= 0) {
            return;
        }
        methodHandlesSize = 0;
        int mapOff = header.mapOff();
        if (mapOff != 0) {
            in.check("map_list", mapOff, 4);
            int size = in.offset("map_list", mapOff);
            in.check("map_list", mapOff, 4 + 12L * size);
            for (int i = 0; i < size; i++) {
                int at = mapOff + 4 + 12 * i;
                int type = in.u2(at);
                if (type == TYPE_METHOD_HANDLE_ITEM) {
                    methodHandlesSize = in.offset("map_item", at + 4);
                    methodHandlesOff = in.offset("map_item", at + 8);
                    in.check("method_handles", methodHandlesOff, 8L * methodHandlesSize);
                } else if (type == TYPE_CALL_SITE_ID_ITEM) {
                    callSitesSize = in.offset("map_item", at + 4);
                    callSitesOff = in.offset("map_item", at + 8);
                    in.check("call_site_ids", callSitesOff, 4L * callSitesSize);
                }
            }
        }
        callSiteHandles = new int[callSitesSize][];
    }

    private static void atMost(String table, int size, int most) throws CodeFormatException {
        if (size > most) {
            throw new CodeFormatException(String.format("%s: %d entries, more than the format's %d", table, size, most));
        }
    }

    private static void checkIndex(String what, int index, int size) throws CodeFormatException {
        if (index < 0 || index >= size) {
            throw new CodeFormatException(String.format("%s index 0x%x is past the %d %s ids", what,
                    Integer.toUnsignedLong(index), size, what));
        }
    }

    /** A type descriptor in Java's dotted form; a malformed one is kept as it is, slashes turned to dots. */
    static String dotted(String descriptor) {
        int dims = 0;
        while (dims < descriptor.length() && descriptor.charAt(dims) == '[') {
            dims++;
        }
        String element = descriptor.substring(dims);
        String name;
        if (element.length() > 2 && element.charAt(0) == 'L' && element.charAt(element.length() - 1) == ';') {
            name = element.substring(1, element.length() - 1).replace('/', '.');
        } else if (element.length() == 1) {
            name = primitive(element.charAt(0), element);
        } else {
            name = element.replace('/', '.');
        }
        return dims == 0 ? name : name + "[]".repeat(dims);
    }

    private static String primitive(char c, String fallback) {
        return switch (c) {
            case 'V' -> "void";
            case 'Z' -> "boolean";
            case 'B' -> "byte";
            case 'S' -> "short";
            case 'C' -> "char";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'F' -> "float";
            case 'D' -> "double";
            default -> fallback;
        };
    }

    /** Resolves one id table entry (reading the file), for {@link Resolved}. */
    @FunctionalInterface
    private interface Resolver<T> {
        T resolve(int index) throws CodeFormatException;
    }

    /** One id table's entries, each resolved the first time it is asked for and kept. */
    private static final class Resolved<T> {
        private final String what;
        private final Object[] entries;
        private final Resolver<T> resolver;

        Resolved(String what, int size, Resolver<T> resolver) {
            this.what = what;
            this.entries = new Object[size];
            this.resolver = resolver;
        }

        int size() {
            return entries.length;
        }

        @SuppressWarnings("unchecked")
        T get(int index) throws CodeFormatException {
            checkIndex(what, index, entries.length);
            Object entry = entries[index];
            if (entry == null) {
                entry = resolver.resolve(index);
                entries[index] = entry;
            }
            return (T) entry;
        }
    }
}
