package org.telltale.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.Observation;
import org.telltale.api.CaptureReader;
import org.telltale.formats.CaptureReaders;

/**
 * Reads one capture with the reader that recognises it (as {@code analyze} does) and prints how many
 * exchanges it found and how fast: the reading share of a whole {@code analyze}.
 * Usage: {@code CaptureThroughput FILE}.
 */
public final class CaptureThroughput {
    private CaptureThroughput() {
    }

    private static CaptureReader reader(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        }
        for (CaptureReader r : CaptureReaders.builtIn()) {
            if (r.sniff(file, head)) {
                return r;
            }
        }
        throw new IllegalArgumentException(file + ": no reader recognises it");
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long[] counts = new long[3];
        long start = System.nanoTime();
        reader(file).read(file, new CaptureSink() {
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
