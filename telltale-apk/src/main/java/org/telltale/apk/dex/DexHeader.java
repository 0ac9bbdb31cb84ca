package org.telltale.apk.dex;

import org.telltale.apk.code.CodeFormatException;

/**
 * A DEX header as the file states it (the "header_item" of the DEX format), checked: the magic, a
 * version from 035 to 041, the little-endian tag, the header size of that version, and every offset
 * and size small enough to point inside a byte array. Whether the tables it points at lie inside the
 * file is checked where they are read.
 *
 * <p>From version 041 a file may be a container of several DEX files one after the other: each has
 * its own header, {@link #containerSize} is the whole container, {@link #headerOffset} where this
 * header starts in it, and {@link #fileSize} the distance to the next header; every offset is counted
 * from the start of the container. Before 041 those two are 0 and {@link #fileSize} is the whole file.
 *
 * @param version       the format version, 35 to 41
 * @param checksum      the adler32 the file claims (not verified: a changed file is still worth reading)
 * @param fileSize      the file's size, or from 041 the size of this DEX within its container
 * @param headerSize    0x70, or 0x78 from version 041
 * @param mapOff        where the map_list is
 * @param stringIdsSize how many string_ids
 * @param stringIdsOff  where they are
 * @param typeIdsSize   how many type_ids
 * @param typeIdsOff    where they are
 * @param protoIdsSize  how many proto_ids
 * @param protoIdsOff   where they are
 * @param fieldIdsSize  how many field_ids
 * @param fieldIdsOff   where they are
 * @param methodIdsSize how many method_ids
 * @param methodIdsOff  where they are
 * @param classDefsSize how many class_defs
 * @param classDefsOff  where they are
 * @param containerSize from 041, the size of the whole container; else 0
 * @param headerOffset  from 041, where this header starts in the container; else 0
 */
public record DexHeader(int version, int checksum, int fileSize, int headerSize, int mapOff,
                        int stringIdsSize, int stringIdsOff, int typeIdsSize, int typeIdsOff,
                        int protoIdsSize, int protoIdsOff, int fieldIdsSize, int fieldIdsOff,
                        int methodIdsSize, int methodIdsOff, int classDefsSize, int classDefsOff,
                        int containerSize, int headerOffset) {
    /** The first version whose files may be containers of several DEX files. */
    public static final int CONTAINER_VERSION = 41;

    private static final int HEADER_SIZE = 0x70;
    private static final int CONTAINER_HEADER_SIZE = 0x78;
    private static final int ENDIAN_CONSTANT = 0x12345678;
    private static final int REVERSE_ENDIAN_CONSTANT = 0x78563412;

    /** The header at the start of {@code data}, checked; for a quick look at a file's version. */
    public static DexHeader peek(byte[] data) throws CodeFormatException {
        return read(new DexInput(data, data.length), 0);
    }

    /** Whether this file is a v041 container (which may hold one DEX file or several). */
    public boolean isContainer() {
        return version >= CONTAINER_VERSION;
    }

    static DexHeader read(DexInput in, int at) throws CodeFormatException {
        in.check("header", at, HEADER_SIZE);
        byte[] d = in.data;
        if (d[at] != 'd' || d[at + 1] != 'e' || d[at + 2] != 'x' || d[at + 3] != '\n' || d[at + 7] != 0
                || !isDigit(d[at + 4]) || !isDigit(d[at + 5]) || !isDigit(d[at + 6])) {
            throw new CodeFormatException(String.format("header at 0x%x: not a DEX file (no dex\\nNNN\\0 magic)", at));
        }
        int version = (d[at + 4] - '0') * 100 + (d[at + 5] - '0') * 10 + (d[at + 6] - '0');
        if (version < 35 || version > CONTAINER_VERSION) {
            throw new CodeFormatException(String.format("header at 0x%x: DEX version %03d is not one of 035 to 041", at, version));
        }
        int endian = in.s4(at + 0x28);
        if (endian == REVERSE_ENDIAN_CONSTANT) {
            throw new CodeFormatException(String.format("header at 0x%x: a big-endian DEX, which Android never ships", at));
        }
        if (endian != ENDIAN_CONSTANT) {
            throw new CodeFormatException(String.format("header at 0x%x: endian_tag 0x%08x is not 0x12345678", at, endian));
        }
        int headerSize = in.s4(at + 0x24);
        int expected = version >= CONTAINER_VERSION ? CONTAINER_HEADER_SIZE : HEADER_SIZE;
        if (headerSize != expected) {
            throw new CodeFormatException(String.format("header at 0x%x: header_size 0x%x, but version %03d has 0x%x",
                    at, Integer.toUnsignedLong(headerSize), version, expected));
        }
        in.check("header", at, headerSize);
        boolean container = version >= CONTAINER_VERSION;
        return new DexHeader(version, in.s4(at + 0x08), in.offset("file_size", at + 0x20), headerSize,
                in.offset("map_off", at + 0x34),
                in.offset("string_ids_size", at + 0x38), in.offset("string_ids_off", at + 0x3c),
                in.offset("type_ids_size", at + 0x40), in.offset("type_ids_off", at + 0x44),
                in.offset("proto_ids_size", at + 0x48), in.offset("proto_ids_off", at + 0x4c),
                in.offset("field_ids_size", at + 0x50), in.offset("field_ids_off", at + 0x54),
                in.offset("method_ids_size", at + 0x58), in.offset("method_ids_off", at + 0x5c),
                in.offset("class_defs_size", at + 0x60), in.offset("class_defs_off", at + 0x64),
                container ? in.offset("container_size", at + 0x70) : 0,
                container ? in.offset("header_offset", at + 0x74) : 0);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
