package org.telltale.apk.dex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.code.CodeMethod;
import org.telltale.apk.code.MethodRef;

/**
 * Reads the class_defs of one DEX file (one entry of a v041 container) into {@link CodeClass}es: each
 * class's names and flags, its direct and virtual methods from class_data, and the string values of
 * its static fields.
 */
final class DexFileReader {
    private static final int CLASS_DEF_SIZE = 32;

    private final DexInput in;
    private final DexHeader header;
    private final CodeLimits limits;
    private final DexIds ids;
    private final CodeDecoder code;
    private final Map<Integer, List<String>> staticStrings = new HashMap<>();

    DexFileReader(DexInput in, DexHeader header, CodeLimits limits) throws CodeFormatException {
        this.in = in;
        this.header = header;
        this.limits = limits;
        this.ids = new DexIds(in, header, limits);
        this.code = new CodeDecoder(in, ids, limits);
    }

    List<CodeClass> read(String source) throws CodeFormatException {
        int count = header.classDefsSize();
        if (count > limits.maxClassesPerDex()) {
            throw new CodeFormatException(String.format("class_defs: %d classes, more than the limit of %d",
                    count, limits.maxClassesPerDex()));
        }
        in.check("class_defs", header.classDefsOff(), (long) CLASS_DEF_SIZE * count);
        List<CodeClass> classes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            classes.add(readClass(header.classDefsOff() + CLASS_DEF_SIZE * i, source));
        }
        return classes;
    }

    private CodeClass readClass(int at, String source) throws CodeFormatException {
        String name = ids.typeName(in.s4(at));
        int access = in.s4(at + 4);
        String superName = ids.typeNameOrNull(in.s4(at + 8));
        int interfacesOff = in.offset("class_def interfaces_off", at + 12);
        int classDataOff = in.offset("class_def class_data_off", at + 24);
        int staticValuesOff = in.offset("class_def static_values_off", at + 28);
        List<String> interfaces = interfacesOff == 0 ? List.of() : ids.typeList(interfacesOff);
        List<CodeMethod> methods = classDataOff == 0 ? List.of() : readMethods(classDataOff);
        List<String> constants = staticValuesOff == 0 ? List.of() : constants(staticValuesOff);
        return new CodeClass(name, superName, interfaces, access, source, methods, constants);
    }

    /** The direct then the virtual methods of a class_data_item, in the order the file lists them. */
    private List<CodeMethod> readMethods(int off) throws CodeFormatException {
        DexInput.Cursor c = in.cursor("class_data", off);
        int staticFields = c.ulebOffset();
        int instanceFields = c.ulebOffset();
        int directMethods = c.ulebOffset();
        int virtualMethods = c.ulebOffset();
        for (long i = 0, fields = (long) staticFields + instanceFields; i < fields; i++) {
            c.uleb();
            c.uleb();
        }
        List<CodeMethod> methods = new ArrayList<>((int) Math.min((long) directMethods + virtualMethods, 1024));
        readMethods(c, directMethods, methods);
        readMethods(c, virtualMethods, methods);
        in.spend(c.consumed(), "class_data", off);
        return methods;
    }

    private void readMethods(DexInput.Cursor c, int count, List<CodeMethod> out) throws CodeFormatException {
        int index = 0;
        for (int i = 0; i < count; i++) {
            index += c.uleb();
            int access = c.uleb();
            int codeOff = c.ulebOffset();
            MethodRef self = ids.method(index);
            out.add(codeOff == 0
                    ? new CodeMethod(self.name(), self.descriptor(), access, List.of(), List.of(), List.of(), 0, 0L)
                    : code.decode(self, access, codeOff));
        }
    }

    /** Static values are shared between classes with the same ones, so each list is read once. */
    private List<String> constants(int off) throws CodeFormatException {
        List<String> values = staticStrings.get(off);
        if (values == null) {
            values = ids.staticStrings(off);
            staticStrings.put(off, values);
        }
        return values;
    }
}
