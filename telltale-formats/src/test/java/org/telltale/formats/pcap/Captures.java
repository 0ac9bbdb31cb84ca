package org.telltale.formats.pcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.telltale.testkit.RecordingSink;
import org.telltale.testkit.pcap.LinkFraming;
import org.telltale.testkit.pcap.Packet;
import org.telltale.testkit.pcap.PcapFileWriter;

/** Writes test captures with the testkit and reads them back through the packet layers. */
final class Captures {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private Captures() {
    }

    static byte[] classic(LinkFraming link, List<Packet> packets) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PcapFileWriter w = new PcapFileWriter(out, link.linkType());
            for (Packet p : packets) {
                w.write(p.time(), link.frame(p.ip()));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordingLayer read(Path dir, byte[] file, RecordingSink sink) throws Exception {
        Path path = Files.createTempFile(dir, "capture", ".pcap");
        Files.write(path, file);
        RecordingLayer layer = new RecordingLayer();
        PcapCapture.read(path, sink, layer, null);
        return layer;
    }

    static RecordingLayer read(Path dir, byte[] file) throws Exception {
        return read(dir, file, new RecordingSink());
    }
}
