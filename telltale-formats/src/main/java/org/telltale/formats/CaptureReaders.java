package org.telltale.formats;

import java.util.List;

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

    public static List<CaptureReader> builtIn() {
        return List.of(new PcapReader(), new HarReader(), new MitmReader());
    }
}
