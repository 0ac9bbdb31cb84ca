package org.telltale.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.Observation;
import org.telltale.formats.pcap.PcapReader;

/**
 * Reads one capture with the pcap reader and prints how many exchanges it found and how fast.
 * Usage: {@code PcapThroughput FILE}.
 */
public final class PcapThroughput {
    private PcapThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long[] counts = new long[3];
        long start = System.nanoTime();
        new PcapReader().read(file, new CaptureSink() {
            @Override
            public void observe(Observation o) {
                counts[o instanceof Exchange ? 0 : 1]++;
            }

            @Override
            public void diagnostic(String origin, String message) {
                counts[2]++;
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        double mb = Files.size(file) / 1e6;
        System.out.printf("exchanges=%d opaque=%d diagnostics=%d seconds=%.2f MB/s=%.1f%n", counts[0], counts[1],
                counts[2], seconds, mb / seconds);
    }
}
