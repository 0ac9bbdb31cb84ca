package org.telltale.formats.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureSink;

/**
 * Reads one pcap or pcapng file through the packet layers into an application layer. When the
 * file is damaged, everything read before the damage is emitted first, then the
 * {@link CaptureException} names the byte where reading stopped.
 */
final class PcapCapture {
    private PcapCapture() {
    }

    /**
     * What one read saw, for callers that report figures.
     *
     * @param packets             packets read
     * @param tcpConnections      TCP connections followed
     * @param peakWaitingForOrder the most bytes of finished flows held back for flow order at once
     * @param peakBehindHoles     the most bytes held behind TCP holes at once, over all connections
     */
    record Summary(long packets, long tcpConnections, long peakWaitingForOrder, long peakBehindHoles) {
    }

    static Summary read(Path file, CaptureSink sink, ApplicationLayer layer, LongConsumer progress)
            throws IOException, CaptureException {
        return read(file, sink, layer, progress, WaitingBounds.DEFAULT);
    }

    /** With other bounds on what waits, for tests of those bounds. */
    static Summary read(Path file, CaptureSink sink, ApplicationLayer layer, LongConsumer progress,
                        WaitingBounds bounds) throws IOException, CaptureException {
        byte[] head;
        try (InputStream s = Files.newInputStream(file)) {
            head = s.readNBytes(4);
        }
        boolean pcapng = PcapNgFormat.isMagic(head);
        if (!pcapng && !ClassicPcapFormat.isMagic(head)) {
            throw new CaptureException("byte 0", "not a pcap or pcapng file (unknown magic number)");
        }
        PacketDecoder decoder = new PacketDecoder(sink, layer, bounds);
        try (CaptureInput in = new CaptureInput(file, progress)) {
            if (pcapng) {
                PcapNgFormat.read(in, decoder);
            } else {
                ClassicPcapFormat.read(in, decoder);
            }
        } catch (CaptureException e) {
            decoder.finish();
            throw e;
        }
        decoder.finish();
        return new Summary(decoder.packets(), decoder.tcpConnections(), decoder.peakWaitingForOrder(),
                decoder.peakBehindHoles());
    }
}
