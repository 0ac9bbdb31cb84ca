package org.telltale.apk.dex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Adler32;

import org.junit.jupiter.api.Test;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;

/**
 * Versions 040 and 041 and the v041 container, which no writer on Maven Central produces. The bytes
 * are made by hand from real dexlib2 output (the {@link SampleDex} app written as DEX 039), following
 * the "DEX format" page of source.android.com and ART's reader: a v041 header is 0x78 bytes, its
 * container_size is the whole file, its header_offset where the header starts, its file_size the
 * distance to the next header, and every offset counts from the start of the container. Each
 * header's adler32 checksum and SHA-1 signature are recomputed over its own DEX (from the header to
 * file_size).
 */
class DexContainerTest {
    private static final int V41_HEADER = 0x78;

    @Test
    void version040ReadsLike039() throws Exception {
        byte[] v39 = sample();
        byte[] v40 = withVersion(v39.clone(), "040");
        sign(v40, 0, v40.length);

        assertThat(DexHeader.peek(v40).version()).isEqualTo(40);
        assertThat(DexReader.read(v40, "classes.dex", CodeLimits.DEFAULT))
                .isEqualTo(DexReader.read(v39, "classes.dex", CodeLimits.DEFAULT));
    }

    @Test
    void aVersion041ContainerWithOneDexReadsLikeTheFileItWasMadeFrom() throws Exception {
        byte[] v39 = sample();
        byte[] v41 = firstOfContainer(v39, classDefs(v39));
        put(v41, 0x70, v41.length); // container_size
        sign(v41, 0, v41.length);

        DexHeader header = DexHeader.peek(v41);
        assertThat(header.isContainer()).isTrue();
        assertThat(header.containerSize()).isEqualTo(v41.length);
        assertThat(DexReader.read(v41, "classes.dex", CodeLimits.DEFAULT))
                .isEqualTo(DexReader.read(v39, "classes.dex", CodeLimits.DEFAULT));
    }

    /**
     * Two DEX files in one container: the first header keeps the first class_def, the second header
     * (after the first DEX) has its own copies of the id tables and the second class_def, pointing
     * into the data of the first, as the container format allows.
     */
    @Test
    void everyDexOfAContainerIsReadAndNamedByItsPlace() throws Exception {
        byte[] v39 = sample();
        List<CodeClass> plain = DexReader.read(v39, "classes.dex", CodeLimits.DEFAULT);
        assertThat(plain).hasSize(2);
        byte[] container = twoDexContainer(v39);

        List<CodeClass> read = DexReader.read(container, "classes.dex", CodeLimits.DEFAULT);

        assertThat(read).hasSize(2);
        assertThat(read.get(0)).isEqualTo(plain.get(0));
        assertThat(read.get(1).source()).isEqualTo("classes.dex#1");
        assertThat(read.get(1)).usingRecursiveComparison().ignoringFields("source").isEqualTo(plain.get(1));
    }

    @Test
    void aContainerWhoseHeadersDoNotChainIsRefused() throws Exception {
        byte[] container = twoDexContainer(sample());
        int second = ByteBuffer.wrap(container).order(ByteOrder.LITTLE_ENDIAN).getInt(0x20);

        byte[] longer = container.clone();
        put(longer, 0x70, container.length + 16); // container_size past the end
        assertThatThrownBy(() -> DexReader.read(longer, "classes.dex", CodeLimits.DEFAULT))
                .isInstanceOf(CodeFormatException.class).hasMessageContaining("container_size");

        byte[] misplaced = container.clone();
        put(misplaced, second + 0x74, second + 4); // header_offset not where the header is
        assertThatThrownBy(() -> DexReader.read(misplaced, "classes.dex", CodeLimits.DEFAULT))
                .isInstanceOf(CodeFormatException.class).hasMessageContaining("header at 0x" + Integer.toHexString(second));

        byte[] overlong = container.clone();
        put(overlong, second + 0x20, container.length); // file_size past the container
        assertThatThrownBy(() -> DexReader.read(overlong, "classes.dex", CodeLimits.DEFAULT))
                .isInstanceOf(CodeFormatException.class).hasMessageContaining("file_size");
    }

    static byte[] sample() throws Exception {
        return new SampleDex(28, SampleDex.Names.READABLE, SampleDex.Variant.ORIGINAL).write();
    }

    /** The sample as a container of two DEX files, one class_def each. */
    static byte[] twoDexContainer(byte[] v39) throws Exception {
        ByteBuffer f = ByteBuffer.wrap(v39).order(ByteOrder.LITTLE_ENDIAN);
        byte[] first = firstOfContainer(v39, 1);
        int x = first.length;
        // the second DEX: a header, then copies of the id tables (their entries hold container offsets
        // into the first DEX's data, still right) and of the second class_def
        int[][] tables = { {0x38, 4}, {0x40, 4}, {0x48, 12}, {0x50, 8}, {0x58, 8} };
        ByteBuffer second = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        second.put(Arrays.copyOfRange(first, 0, V41_HEADER));
        for (int[] t : tables) {
            int size = f.getInt(t[0]);
            int off = f.getInt(t[0] + 4);
            second.putInt(t[0] + 4, x + second.position());
            second.put(v39, off, size * t[1]);
        }
        second.putInt(0x60, 1);
        second.putInt(0x64, x + second.position());
        second.put(v39, f.getInt(0x64) + 32, 32);
        second.putInt(0x34, f.getInt(0x34)); // the map of the first DEX: method handles and call sites
        second.putInt(0x74, x); // header_offset
        byte[] tail = Arrays.copyOf(second.array(), second.position());
        put(tail, 0x20, tail.length); // file_size
        byte[] container = new byte[x + tail.length];
        System.arraycopy(first, 0, container, 0, x);
        System.arraycopy(tail, 0, container, x, tail.length);
        put(container, 0x70, container.length);
        put(container, x + 0x70, container.length);
        sign(container, 0, x);
        sign(container, x, tail.length);
        return container;
    }

    /**
     * The file as the first DEX of a v041 container keeping {@code classes} class_defs: version 041,
     * a 0x78-byte header (the string_ids table, which followed the 0x70-byte header, moves to the end
     * so the header can grow in place; the map says so too), header_offset 0. container_size is left
     * for the caller.
     */
    static byte[] firstOfContainer(byte[] dex, int classes) {
        ByteBuffer f = ByteBuffer.wrap(dex).order(ByteOrder.LITTLE_ENDIAN);
        int strings = f.getInt(0x38);
        int stringsOff = f.getInt(0x3c);
        int moved = (dex.length + 3) & ~3;
        byte[] out = Arrays.copyOf(dex, moved + 4 * strings);
        System.arraycopy(dex, stringsOff, out, moved, 4 * strings);
        withVersion(out, "041");
        ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        o.putInt(0x20, out.length);
        o.putInt(0x24, V41_HEADER);
        o.putInt(0x3c, moved);
        o.putInt(0x60, classes);
        o.putInt(0x68, 0); // data_size and data_off are unused from 041
        o.putInt(0x6c, 0);
        o.putInt(0x74, 0);
        int map = o.getInt(0x34);
        for (int i = 0; i < o.getInt(map); i++) {
            if (o.getShort(map + 4 + 12 * i) == 0x0001) { // TYPE_STRING_ID_ITEM
                o.putInt(map + 4 + 12 * i + 8, moved);
            }
        }
        return out;
    }

    static int classDefs(byte[] dex) {
        return ByteBuffer.wrap(dex).order(ByteOrder.LITTLE_ENDIAN).getInt(0x60);
    }

    static byte[] withVersion(byte[] dex, String version) {
        System.arraycopy(version.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, dex, 4, 3);
        return dex;
    }

    static void put(byte[] data, int at, int value) {
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    /** The SHA-1 signature (of everything after it) and then the adler32 checksum (of everything after it), of one DEX. */
    static void sign(byte[] data, int at, int length) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(data, at + 32, length - 32);
        System.arraycopy(sha1.digest(), 0, data, at + 12, 20);
        Adler32 adler = new Adler32();
        adler.update(data, at + 12, length - 12);
        put(data, at + 8, (int) adler.getValue());
    }
}
