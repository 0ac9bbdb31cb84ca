package org.telltale.formats.pcap.proto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads the hex fixtures under src/test/resources/proto/. */
final class Fixtures {
    /** One packet's payload of a recorded TCP connection. */
    record Segment(long frame, boolean fromClient, byte[] payload) {
    }

    private Fixtures() {
    }

    static List<String> lines(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/proto/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All non-comment hex of a file, spaces ignored, as bytes. */
    static byte[] hex(String name) {
        return HexFormat.of().parseHex(String.join("", lines(name)).replace(" ", ""));
    }

    /** A .seg file: "frame C|S hex" per line. */
    static List<Segment> segments(String name) {
        List<Segment> out = new ArrayList<>();
        for (String line : lines(name)) {
            String[] f = line.split(" ");
            out.add(new Segment(Long.parseLong(f[0]), f[1].equals("C"), HexFormat.of().parseHex(f[2])));
        }
        return out;
    }
}
