package org.telltale.formats.har;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.Exchange;
import org.telltale.api.Message;
import org.telltale.testkit.ExchangeBuilder;
import org.telltale.testkit.RecordingSink;

/** What HarExport writes, our HarReader reads back as the same exchanges: bodies byte for byte, WebSocket messages too. */
class HarExportTest {
    @TempDir
    Path dir;

    private static List<Exchange> exchanges() {
        Random random = new Random(11);
        List<Exchange> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] binary = new byte[1 + random.nextInt(100)];
            random.nextBytes(binary);
            ExchangeBuilder b = ExchangeBuilder.post("https://t" + i + ".example/c?a=1&b=%20x")
                    .origin("entry " + i).time(Instant.parse("2024-03-04T05:06:07.089Z").plusMillis(i))
                    .header("Cookie", "sid=" + i + "; theme=dark").header("X-A", "1").header("x-a", "2")
                    .body(i % 2 == 0 ? binary : ("q=caf\u00e9 " + i + "\r\n\tline").getBytes(StandardCharsets.UTF_8))
                    .serverIp(i % 3 == 0 ? null : "2001:db8::" + i);
            if (i % 4 != 0) {
                b.response(200 + i, "application/octet-stream", i % 2 == 0 ? binary : "ok".getBytes(StandardCharsets.UTF_8));
            }
            Exchange e = b.build();
            if (i % 5 == 0) {
                e = new Exchange(e.time(), e.origin(), e.client(), e.server(), e.request(), e.response(),
                        List.of(new Message(true, Instant.parse("2024-03-04T05:06:08.25Z"), true,
                                "{\"q\":1}".getBytes(StandardCharsets.UTF_8)),
                                new Message(false, Instant.parse("2024-03-04T05:06:09.5Z"), false, binary)),
                        null, false);
            }
            out.add(e);
        }
        return out;
    }

    @Test
    void exportedEntriesReadBackAsTheSameExchanges() throws Exception {
        List<Exchange> in = exchanges();
        Path file = dir.resolve("out.har");
        try (Writer w = Files.newBufferedWriter(file); HarExport har = new HarExport(w, "test")) {
            for (Exchange e : in) {
                har.write(e);
            }
        }
        RecordingSink back = new RecordingSink();
        new HarReader().read(file, back);
        assertThat(back.diagnostics).isEmpty();
        assertThat(back.exchanges()).hasSize(in.size());
        for (int i = 0; i < in.size(); i++) {
            Exchange a = in.get(i);
            // HAR has no place for the device's address, and the reader takes the server's host and port from the URL
            assertThat(back.exchanges().get(i)).usingRecursiveComparison().ignoringFields("client")
                    .isEqualTo(a);
        }
    }
}
