package org.telltale.attribute.build;

import com.google.common.net.InetAddresses;
import org.telltale.attribute.IpTableFormat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts ip-location-db CSV files ({@code start,end,asn,org} or {@code start,end,country}) into the
 * values and ranges of an {@link IpTableFormat} file. Values are shared between the IPv4 and IPv6 files.
 */
final class CsvRanges {
    /** Most rows read from one file. */
    private static final int MAX_ROWS = 5_000_000;

    private final boolean withAsn;
    private final List<IpTableFormat.Value> values = new ArrayList<>();
    private final Map<IpTableFormat.Value, Integer> indexes = new HashMap<>();
    private final List<IpTableFormat.V4Range> v4 = new ArrayList<>();
    private final List<IpTableFormat.V6Range> v6 = new ArrayList<>();
    private int skipped;

    /** @param withAsn true for ASN files (number and organisation), false for country files */
    CsvRanges(boolean withAsn) {
        this.withAsn = withAsn;
    }

    /** Adds every row of one CSV file; rows that cannot be read are counted and skipped. */
    void add(byte[] csv) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8))) {
            String line;
            int rows = 0;
            while ((line = reader.readLine()) != null) {
                if (++rows > MAX_ROWS) {
                    throw new IOException("more than " + MAX_ROWS + " rows");
                }
                if (!line.isBlank() && !addRow(splitCsv(line))) {
                    skipped++;
                }
            }
        }
    }

    private boolean addRow(List<String> fields) {
        if (fields.size() < (withAsn ? 4 : 3)) {
            return false;
        }
        IpTableFormat.Value value;
        if (withAsn) {
            long asn;
            try {
                asn = Long.parseLong(fields.get(2).trim());
            } catch (NumberFormatException e) {
                return false;
            }
            value = new IpTableFormat.Value(asn, fields.get(3).strip());
        } else {
            String country = fields.get(2).trim().toUpperCase(java.util.Locale.ROOT);
            if (!country.matches("[A-Z]{2}")) {
                return false;
            }
            value = new IpTableFormat.Value(0, country);
        }
        byte[] start = address(fields.get(0));
        byte[] end = address(fields.get(1));
        if (start == null || end == null || start.length != end.length) {
            return false;
        }
        int index = indexes.computeIfAbsent(value, key -> {
            values.add(key);
            return values.size() - 1;
        });
        if (start.length == 4) {
            v4.add(new IpTableFormat.V4Range(unsigned(start, 0, 4), unsigned(end, 0, 4), index));
        } else {
            v6.add(new IpTableFormat.V6Range(unsigned(start, 0, 8), unsigned(start, 8, 8),
                    unsigned(end, 0, 8), unsigned(end, 8, 8), index));
        }
        return true;
    }

    private static byte[] address(String text) {
        String literal = text.trim();
        if (!InetAddresses.isInetAddress(literal)) {
            return null;
        }
        InetAddress address = InetAddresses.forString(literal);
        // an IPv4-mapped IPv6 literal comes back as IPv4; it has no place in an IPv6 file
        return address instanceof Inet4Address && literal.indexOf(':') >= 0 ? null : address.getAddress();
    }

    private static long unsigned(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            value = (value << 8) | (bytes[i] & 0xFFL);
        }
        return value;
    }

    /** Splits one CSV line, honouring double quotes and doubled quotes inside them. */
    static List<String> splitCsv(String line) {
        List<String> fields = new ArrayList<>(4);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    List<IpTableFormat.Value> values() {
        return values;
    }

    List<IpTableFormat.V4Range> v4() {
        List<IpTableFormat.V4Range> sorted = new ArrayList<>(v4);
        sorted.sort(Comparator.comparingLong(IpTableFormat.V4Range::start));
        return sorted;
    }

    List<IpTableFormat.V6Range> v6() {
        List<IpTableFormat.V6Range> sorted = new ArrayList<>(v6);
        sorted.sort((a, b) -> {
            int high = Long.compareUnsigned(a.startHigh(), b.startHigh());
            return high != 0 ? high : Long.compareUnsigned(a.startLow(), b.startLow());
        });
        return sorted;
    }

    /** @return ranges read */
    int rangeCount() {
        return v4.size() + v6.size();
    }

    /** @return rows that could not be read */
    int skipped() {
        return skipped;
    }
}
