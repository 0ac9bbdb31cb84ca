package org.telltale.apk.dex;

/**
 * Every Dalvik opcode's length and what its operands name, from the "Dalvik bytecode" and "Dalvik
 * executable instruction formats" pages of source.android.com (DEX 035 to 041). This is all a reader
 * needs to walk an instruction stream without decoding registers: how many code units to step over,
 * and which unit holds the index or literal worth keeping.
 *
 * <p>Every index operand sits in the unit after the opcode (16 bits), except const-string/jumbo's
 * (32 bits over units 1-2) and the proto of invoke-polymorphic, which is in unit 3. Opcodes the
 * specification marks unused (0x3e-0x43, 0x73, 0x79-0x7a, 0xe3-0xf9) have length 0.
 */
final class DalvikOpcodes {
    /** No operand worth keeping: moves, arithmetic, branches, switches, returns. */
    static final byte PLAIN = 0;
    /** const-string: a string index in unit 1 (format 21c). */
    static final byte STRING = 1;
    /** const-string/jumbo: a 32-bit string index in units 1-2 (format 31c). */
    static final byte STRING_JUMBO = 2;
    /** A type index in unit 1: const-class, check-cast, instance-of, new-instance, new-array, filled-new-array. */
    static final byte TYPE = 3;
    /** A field index in unit 1: iget*, iput*, sget*, sput*. */
    static final byte FIELD = 4;
    /** A method index in unit 1: invoke-* and invoke-* /range. */
    static final byte METHOD = 5;
    /** A method index in unit 1 and a proto index in unit 3: invoke-polymorphic(/range) (formats 45cc, 4rcc). */
    static final byte METHOD_PROTO = 6;
    /** A call site index in unit 1: invoke-custom(/range). */
    static final byte CALL_SITE = 7;
    /** A method handle index in unit 1: const-method-handle. */
    static final byte METHOD_HANDLE = 8;
    /** A proto index in unit 1: const-method-type. */
    static final byte PROTO = 9;
    /** const/4: a signed nibble in the top of unit 0 (format 11n). */
    static final byte LIT4 = 10;
    /** const/16, const-wide/16: a signed 16-bit literal in unit 1 (format 21s). */
    static final byte LIT16 = 11;
    /** const, const-wide/32: a signed 32-bit literal in units 1-2 (format 31i). */
    static final byte LIT32 = 12;
    /** const-wide: a 64-bit literal in units 1-4 (format 51l). */
    static final byte LIT64 = 13;
    /** const/high16: unit 1 is the top 16 bits of an int (format 21h). */
    static final byte HIGH16 = 14;
    /** const-wide/high16: unit 1 is the top 16 bits of a long (format 21h). */
    static final byte WIDE_HIGH16 = 15;
    /** binop/lit16: a signed 16-bit operand in unit 1 (format 22s). */
    static final byte LIT16_OPERAND = 16;
    /** binop/lit8: a signed 8-bit operand in the high byte of unit 1 (format 22b). */
    static final byte LIT8_OPERAND = 17;

    private static final byte[] UNITS = new byte[256];
    private static final byte[] KIND = new byte[256];

    static {
        define(0x00, 0x00, 1, PLAIN);          // nop (payload pseudo-instructions share this opcode)
        define(0x01, 0x01, 1, PLAIN);          // move 12x
        define(0x02, 0x02, 2, PLAIN);          // move/from16 22x
        define(0x03, 0x03, 3, PLAIN);          // move/16 32x
        define(0x04, 0x04, 1, PLAIN);          // move-wide
        define(0x05, 0x05, 2, PLAIN);
        define(0x06, 0x06, 3, PLAIN);
        define(0x07, 0x07, 1, PLAIN);          // move-object
        define(0x08, 0x08, 2, PLAIN);
        define(0x09, 0x09, 3, PLAIN);
        define(0x0a, 0x0e, 1, PLAIN);          // move-result*, move-exception 11x, return-void 10x
        define(0x0f, 0x11, 1, PLAIN);          // return* 11x
        define(0x12, 0x12, 1, LIT4);           // const/4 11n
        define(0x13, 0x13, 2, LIT16);          // const/16 21s
        define(0x14, 0x14, 3, LIT32);          // const 31i
        define(0x15, 0x15, 2, HIGH16);         // const/high16 21h
        define(0x16, 0x16, 2, LIT16);          // const-wide/16 21s
        define(0x17, 0x17, 3, LIT32);          // const-wide/32 31i
        define(0x18, 0x18, 5, LIT64);          // const-wide 51l
        define(0x19, 0x19, 2, WIDE_HIGH16);    // const-wide/high16 21h
        define(0x1a, 0x1a, 2, STRING);         // const-string 21c
        define(0x1b, 0x1b, 3, STRING_JUMBO);   // const-string/jumbo 31c
        define(0x1c, 0x1c, 2, TYPE);           // const-class 21c
        define(0x1d, 0x1e, 1, PLAIN);          // monitor-enter, monitor-exit 11x
        define(0x1f, 0x1f, 2, TYPE);           // check-cast 21c
        define(0x20, 0x20, 2, TYPE);           // instance-of 22c
        define(0x21, 0x21, 1, PLAIN);          // array-length 12x
        define(0x22, 0x22, 2, TYPE);           // new-instance 21c
        define(0x23, 0x23, 2, TYPE);           // new-array 22c
        define(0x24, 0x24, 3, TYPE);           // filled-new-array 35c
        define(0x25, 0x25, 3, TYPE);           // filled-new-array/range 3rc
        define(0x26, 0x26, 3, PLAIN);          // fill-array-data 31t
        define(0x27, 0x27, 1, PLAIN);          // throw 11x
        define(0x28, 0x28, 1, PLAIN);          // goto 10t
        define(0x29, 0x29, 2, PLAIN);          // goto/16 20t
        define(0x2a, 0x2a, 3, PLAIN);          // goto/32 30t
        define(0x2b, 0x2c, 3, PLAIN);          // packed-switch, sparse-switch 31t
        define(0x2d, 0x31, 2, PLAIN);          // cmp* 23x
        define(0x32, 0x37, 2, PLAIN);          // if-test 22t
        define(0x38, 0x3d, 2, PLAIN);          // if-testz 21t
        define(0x44, 0x51, 2, PLAIN);          // aget*, aput* 23x
        define(0x52, 0x5f, 2, FIELD);          // iget*, iput* 22c
        define(0x60, 0x6d, 2, FIELD);          // sget*, sput* 21c
        define(0x6e, 0x72, 3, METHOD);         // invoke-kind 35c
        define(0x74, 0x78, 3, METHOD);         // invoke-kind/range 3rc
        define(0x7b, 0x8f, 1, PLAIN);          // unop 12x
        define(0x90, 0xaf, 2, PLAIN);          // binop 23x
        define(0xb0, 0xcf, 1, PLAIN);          // binop/2addr 12x
        define(0xd0, 0xd7, 2, LIT16_OPERAND);  // binop/lit16 22s
        define(0xd8, 0xe2, 2, LIT8_OPERAND);   // binop/lit8 22b
        define(0xfa, 0xfa, 4, METHOD_PROTO);   // invoke-polymorphic 45cc (038)
        define(0xfb, 0xfb, 4, METHOD_PROTO);   // invoke-polymorphic/range 4rcc (038)
        define(0xfc, 0xfc, 3, CALL_SITE);      // invoke-custom 35c (038)
        define(0xfd, 0xfd, 3, CALL_SITE);      // invoke-custom/range 3rc (038)
        define(0xfe, 0xfe, 2, METHOD_HANDLE);  // const-method-handle 21c (039)
        define(0xff, 0xff, 2, PROTO);          // const-method-type 21c (039)
    }

    private DalvikOpcodes() {
    }

    private static void define(int first, int last, int units, byte kind) {
        for (int op = first; op <= last; op++) {
            UNITS[op] = (byte) units;
            KIND[op] = kind;
        }
    }

    /** How many 16-bit code units the instruction takes, or 0 for an opcode the specification leaves unused. */
    static int units(int opcode) {
        return UNITS[opcode];
    }

    /** What the instruction's operands name: one of the constants above. */
    static byte kind(int opcode) {
        return KIND[opcode];
    }
}
