package org.telltale.testkit.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Writes a large classic pcap of many HTTP/1.1 conversations (Ethernet, IPv4), for throughput
 * benchmarks. Usage: {@code SyntheticCapture OUT.pcap MEGABYTES}. Prints how many requests it wrote.
 */
public final class SyntheticCapture {
    private SyntheticCapture() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long limit = Long.parseLong(args[1]) << 20;
        System.out.println(write(out, limit, new Random(1)));
    }

    /** Writes conversations until the file reaches {@code limit} bytes; returns the number of requests. */
    public static long write(Path file, long limit, Random random) throws IOException {
        long requests = 0;
        Instant time = Instant.parse("2024-05-01T10:00:00Z");
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            CountingStream counted = new CountingStream(raw);
            PcapFileWriter w = new PcapFileWriter(counted, LinkFraming.ETHERNET.linkType());
            for (int n = 0; counted.count < limit; n++) {
                byte[] body = new byte[200 + random.nextInt(4000)];
                random.nextBytes(body);
                String head = "POST /v1/collect?id=" + n + " HTTP/1.1\r\nHost: t" + (n % 50) + ".tracker.example\r\n"
                        + "Content-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n";
                byte[] response = new byte[500 + random.nextInt(20_000)];
                random.nextBytes(response);
                String responseHead = "HTTP/1.1 200 OK\r\nContent-Length: " + response.length + "\r\n\r\n";
                TcpScript s = TcpScript.between("10.0." + (n >> 8 & 255) + "." + (n & 255), 1024 + n % 60000,
                        "192.0.2." + (n % 200), 80).handshake().clientSends(head).send(true, body)
                        .serverSends(responseHead).send(false, response).close();
                for (Packet p : s.packets(time)) {
                    w.write(p.time(), LinkFraming.ETHERNET.frame(p.ip()));
                }
                time = time.plusMillis(20);
                requests++;
            }
        }
        return requests;
    }

    /** Counts the bytes written through it. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
