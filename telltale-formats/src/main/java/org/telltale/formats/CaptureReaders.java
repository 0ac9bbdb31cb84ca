package org.telltale.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureReader;
import org.telltale.formats.har.HarReader;
import org.telltale.formats.mitm.MitmReader;
import org.telltale.formats.pcap.PcapReader;

/**
 * The built-in capture readers, in one literal list, tried in this order when sniffing: the binary
 * magic numbers of pcap first, then the JSON of HAR, then mitmproxy's tnetstrings.
 */
public final class CaptureReaders {
    private CaptureReaders() {
    }

    /** How many first bytes a reader sees to recognise a file. */
    public static final int HEAD = 64 * 1024;

    public static List<CaptureReader> builtIn() {
        return List.of(new PcapReader(), new HarReader(), new MitmReader());
    }

    /**
     * The first of the readers that recognises the file from its first bytes.
     *
     * @throws CaptureException when the file is empty or no reader knows it
     */
    public static CaptureReader recognise(List<CaptureReader> readers, Path file) throws IOException, CaptureException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        }
        if (head.length == 0) {
            throw new CaptureException("byte 0", "the file is empty");
        }
        for (CaptureReader r : readers) {
            if (r.sniff(file, head)) {
                return r;
            }
        }
        throw new CaptureException("byte 0", "not a capture Telltale can read (HAR, pcap, pcapng or mitmproxy flows)");
    }
}
