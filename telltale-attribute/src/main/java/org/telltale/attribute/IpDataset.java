package org.telltale.attribute;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One IP dataset whose sections are read when first needed: opening reads only the header; the first
 * lookup reads the values and the IPv4 starts, which lie next to each other, in one pass; the first IPv6
 * lookup also reads the IPv6 starts.
 */
final class IpDataset {
    private final String label;
    private final IpTableFormat.Header header;
    private final Lazy<Front> front;
    private final Lazy<V6Table> v6;

    /** The sections every lookup needs. @param values what indexes point into @param v4 the IPv4 ranges */
    private record Front(ValueTable values, V4Table v4) {
    }

    private IpDataset(String label, IpTableFormat.Header header, DataFiles files, String file) {
        this.label = label;
        this.header = header;
        this.front = new Lazy<>(() -> {
            long length = header.valuesLength() + header.v4Length();
            ByteBuffer both = files.section(file, header.valuesOffset(), length);
            ValueTable values = IpTableFormat.values(header, both.slice(0, (int) header.valuesLength()));
            V4Table v4 = IpTableFormat.v4(header, both.slice((int) header.valuesLength(), (int) header.v4Length()));
            return new Front(values, v4);
        });
        this.v6 = new Lazy<>(() -> IpTableFormat.v6(header, files.section(file, header.v6Offset(), header.v6Length())));
    }

    /**
     * Reads and checks the header, and that the file is as long as the header says.
     *
     * @throws IOException when the file is missing, not of this format, or of the wrong length
     */
    static IpDataset open(DataFiles files, String file, String label) throws IOException {
        IpTableFormat.Header header = IpTableFormat.header(files.section(file, 0, IpTableFormat.HEADER_BYTES));
        long size = files.size(file);
        if (size >= 0 && size != header.fileLength()) {
            throw new IOException(file + " is " + size + " bytes, its header says " + header.fileLength());
        }
        return new IpDataset(label, header, files, file);
    }

    /** @return the dataset's name and version, as facts are credited */
    String label() {
        return label;
    }

    /** @return how many ranges (gaps excluded) the file holds */
    int rangeCount() {
        return header.rangeCount();
    }

    /** Reads every section now. @throws IOException when one is unreadable or corrupt */
    void loadAll() throws IOException {
        front.load();
        v6.load();
    }

    /**
     * @return the value index for an unsigned 32-bit IPv4 address, or -1
     * @throws java.io.UncheckedIOException when the sections cannot be read
     */
    int findV4(long address) {
        return front.get().v4().find(address);
    }

    /**
     * @return the value index for an IPv6 address as two unsigned 64-bit halves, or -1
     * @throws java.io.UncheckedIOException when the sections cannot be read
     */
    int findV6(long high, long low) {
        return v6.get().find(high, low);
    }

    /**
     * @return the values that indexes point into
     * @throws java.io.UncheckedIOException when the sections cannot be read
     */
    ValueTable values() {
        return front.get().values();
    }
}
