package org.telltale.formats.pcap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureReader;
import org.telltale.api.CaptureSink;

/**
 * Reads pcap and pcapng captures: link layers, IP (fragments put back together), TCP reassembly,
 * then HTTP exchanges and opaque TLS/QUIC connections, numbered in the order their requests
 * started. Each observation's origin is "packet N", the packet where its request started.
 */
public final class PcapReader implements CaptureReader {
    private final LongConsumer progress;

    /** A reader that reports no progress. */
    public PcapReader() {
        this(null);
    }

    /**
     * A reader that reports how many bytes of the file it has read so far (at most once per MiB);
     * the total is the file's size.
     */
    public PcapReader(LongConsumer progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "pcap";
    }

    @Override
    public boolean sniff(Path file, byte[] head) {
        return ClassicPcapFormat.isMagic(head) || PcapNgFormat.isMagic(head);
    }

    @Override
    public void read(Path file, CaptureSink sink) throws IOException, CaptureException {
        PcapCapture.read(file, sink, new ProtoApplicationLayer(), progress);
    }
}
