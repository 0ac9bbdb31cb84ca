package org.telltale.apk.dex;

import java.util.ArrayList;
import java.util.List;

import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.code.CodeMethod;
import org.telltale.apk.code.FingerprintBuilder;
import org.telltale.apk.code.MethodRef;

/**
 * Walks one method's code_item, instruction by instruction, and keeps what the code names: the
 * methods it invokes, the classes it uses, the strings it loads, how many instructions it has and
 * its renaming-proof fingerprint. Registers and branch targets are never decoded.
 *
 * <p>Choices a reader of the results should know:
 * <ul>
 * <li>Payloads (switch tables, fill-array-data) are data, not instructions: stepped over by their
 * size, neither counted nor fingerprinted. A {@code nop} is counted (dexdump lists it) but left out
 * of the fingerprint, since compilers emit it as alignment padding.
 * <li>invoke-custom records, as calls, every method its call site's method handles target: the
 * bootstrap method (LambdaMetafactory.metafactory, StringConcatFactory...) and the method handles
 * among its arguments (a lambda's body), since those are what the call site makes run; a handle to
 * a field records its class. const-method-handle records its target the same way.
 * <li>Literals fingerprinted are those of const* and the operands of binop/lit8 and binop/lit16.
 * <li>An opcode the format leaves unused makes the whole DEX unreadable (a CodeFormatException naming
 * the method and the place): past it the instruction lengths are unknown, ART refuses such code, so
 * only a damaged or hostile file has one.
 * </ul>
 */
final class CodeDecoder {
    private static final int NOP = 0x00;
    private static final int PACKED_SWITCH_PAYLOAD = 1;
    private static final int SPARSE_SWITCH_PAYLOAD = 2;
    private static final int FILL_ARRAY_DATA_PAYLOAD = 3;

    private final DexInput in;
    private final DexIds ids;
    private final CodeLimits limits;

    /** Each table's "seen in the current method" mark, so repeats are dropped in constant time. */
    private final int[] methodSeen;
    private final int[] stringSeen;
    private final int[] classSeen;
    private int mark;

    private final List<MethodRef> calls = new ArrayList<>();
    private final List<String> classRefs = new ArrayList<>();
    private final List<String> strings = new ArrayList<>();

    CodeDecoder(DexInput in, DexIds ids, CodeLimits limits) {
        this.in = in;
        this.ids = ids;
        this.limits = limits;
        this.methodSeen = new int[ids.methodCount()];
        this.stringSeen = new int[ids.stringCount()];
        this.classSeen = new int[ids.typeCount()];
    }

    /** The method declared as {@code self} with its code at {@code codeOff}. */
    CodeMethod decode(MethodRef self, int access, int codeOff) throws CodeFormatException {
        in.check("code_item", codeOff, 16);
        int units = in.s4(codeOff + 12);
        if (units < 0 || units > limits.maxInstructions()) {
            throw new CodeFormatException(String.format("code_item at 0x%x of %s: %d code units, more than the limit of %d",
                    codeOff, self, Integer.toUnsignedLong(units), limits.maxInstructions()));
        }
        int base = codeOff + 16;
        in.check("code_item", base, 2L * units);
        in.spend(2L * units, "code_item", codeOff);

        mark++;
        calls.clear();
        classRefs.clear();
        strings.clear();
        FingerprintBuilder fp = new FingerprintBuilder();
        int count = 0;
        int pc = 0;
        while (pc < units) {
            int unit = in.u2(base + 2 * pc);
            int op = unit & 0xff;
            if (op == NOP && unit != NOP) {
                pc += payloadUnits(self, codeOff, base, pc, units, unit >>> 8);
                continue;
            }
            int size = DalvikOpcodes.units(op);
            if (size == 0) {
                throw new CodeFormatException(String.format("code_item at 0x%x of %s: unused opcode 0x%02x at code unit 0x%04x",
                        codeOff, self, op, pc));
            }
            if (size > units - pc) {
                throw new CodeFormatException(String.format("code_item at 0x%x of %s: the instruction at code unit 0x%04x runs past its end",
                        codeOff, self, pc));
            }
            count++;
            if (op != NOP) {
                operands(fp, DalvikOpcodes.kind(op), base + 2 * pc, unit);
            }
            pc += size;
        }
        return new CodeMethod(self.name(), self.descriptor(), access, kept(calls), kept(classRefs), kept(strings), count, fp.build());
    }

    /** The shared empty list for an empty buffer, which CodeMethod then keeps without copying. */
    private static <T> List<T> kept(List<T> buffer) {
        return buffer.isEmpty() ? List.of() : buffer;
    }

    /** Feeds what the instruction at {@code at} names to the fingerprint and the lists. */
    private void operands(FingerprintBuilder fp, byte kind, int at, int unit) throws CodeFormatException {
        switch (kind) {
            case DalvikOpcodes.PLAIN -> {
            }
            case DalvikOpcodes.STRING -> string(fp, in.u2(at + 2));
            case DalvikOpcodes.STRING_JUMBO -> string(fp, in.s4(at + 2));
            case DalvikOpcodes.TYPE -> {
                int type = in.u2(at + 2);
                fp.token(ids.typeToken(type));
                classRef(ids.classKey(type));
            }
            case DalvikOpcodes.FIELD -> field(fp, in.u2(at + 2));
            case DalvikOpcodes.METHOD, DalvikOpcodes.METHOD_PROTO -> call(fp, in.u2(at + 2));
            case DalvikOpcodes.CALL_SITE -> {
                for (int handle : ids.callSiteHandles(in.u2(at + 2))) {
                    handle(fp, handle);
                }
            }
            case DalvikOpcodes.METHOD_HANDLE -> handle(fp, ids.methodHandle(in.u2(at + 2)));
            case DalvikOpcodes.PROTO -> ids.protoDescriptor(in.u2(at + 2));
            case DalvikOpcodes.LIT4 -> fp.literal((short) unit >> 12);
            case DalvikOpcodes.LIT16, DalvikOpcodes.LIT16_OPERAND -> fp.literal((short) in.u2(at + 2));
            case DalvikOpcodes.LIT32 -> fp.literal(in.s4(at + 2));
            case DalvikOpcodes.LIT64 -> fp.literal(in.s8(at + 2));
            case DalvikOpcodes.HIGH16 -> fp.literal(in.u2(at + 2) << 16);
            case DalvikOpcodes.WIDE_HIGH16 -> fp.literal((long) in.u2(at + 2) << 48);
            case DalvikOpcodes.LIT8_OPERAND -> fp.literal((byte) (in.u2(at + 2) >>> 8));
            default -> throw new IllegalStateException("operand kind " + kind);
        }
    }

    private void string(FingerprintBuilder fp, int index) throws CodeFormatException {
        String value = ids.constant(index);
        fp.token(ids.stringToken(index));
        if (firstInMethod(stringSeen, index)) {
            strings.add(value);
        }
    }

    private void call(FingerprintBuilder fp, int index) throws CodeFormatException {
        MethodRef ref = ids.method(index);
        fp.token(ids.methodToken(index));
        if (firstInMethod(methodSeen, index)) {
            calls.add(ref);
        }
    }

    private void field(FingerprintBuilder fp, int index) throws CodeFormatException {
        DexIds.FieldRef ref = ids.field(index);
        fp.token(ids.fieldToken(index));
        classRef(ids.classKey(ref.ownerType()));
    }

    private void handle(FingerprintBuilder fp, int handle) throws CodeFormatException {
        if (DexIds.isFieldHandle(handle)) {
            field(fp, handle & 0xffff);
        } else {
            call(fp, handle & 0xffff);
        }
    }

    private void classRef(int key) {
        if (key >= 0 && firstInMethod(classSeen, key)) {
            classRefs.add(ids.classKeyName(key));
        }
    }

    /** Whether the current method names this entry for the first time; marks it named. */
    private boolean firstInMethod(int[] seen, int index) {
        if (seen[index] == mark) {
            return false;
        }
        seen[index] = mark;
        return true;
    }

    /** The length of the payload pseudo-instruction at {@code pc}, checked to end inside the code. */
    private int payloadUnits(MethodRef self, int codeOff, int base, int pc, int units, int ident) throws CodeFormatException {
        long length;
        if (ident == PACKED_SWITCH_PAYLOAD || ident == SPARSE_SWITCH_PAYLOAD) {
            requireUnits(self, codeOff, pc, units, 2);
            int size = in.u2(base + 2 * pc + 2);
            length = ident == PACKED_SWITCH_PAYLOAD ? 4 + 2L * size : 2 + 4L * size;
        } else if (ident == FILL_ARRAY_DATA_PAYLOAD) {
            requireUnits(self, codeOff, pc, units, 4);
            int width = in.u2(base + 2 * pc + 2);
            long count = Integer.toUnsignedLong(in.s4(base + 2 * pc + 4));
            length = 4 + (width * count + 1) / 2;
        } else {
            throw new CodeFormatException(String.format("code_item at 0x%x of %s: unknown pseudo-instruction 0x%04x at code unit 0x%04x",
                    codeOff, self, ident << 8, pc));
        }
        requireUnits(self, codeOff, pc, units, length);
        return (int) length;
    }

    private static void requireUnits(MethodRef self, int codeOff, int pc, int units, long length) throws CodeFormatException {
        if (length > units - pc) {
            throw new CodeFormatException(String.format("code_item at 0x%x of %s: the payload at code unit 0x%04x runs past its end",
                    codeOff, self, pc));
        }
    }
}
