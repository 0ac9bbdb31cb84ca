package org.telltale.formats;

import java.util.List;

import org.telltale.api.CaptureReader;

/** The built-in capture readers, in one literal list, tried in this order when sniffing. */
public final class CaptureReaders {
    private CaptureReaders() {
    }

    public static List<CaptureReader> builtIn() {
        return List.of(
                // readers are added here, one line each
                new org.telltale.formats.pcap.PcapReader(),
                new org.telltale.formats.har.HarReader(),
                new org.telltale.formats.mitm.MitmReader()
        );
    }
}
