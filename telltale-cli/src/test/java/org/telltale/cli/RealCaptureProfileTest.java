package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device's profile as the text report summarises it, per receiver, on a real nDPI app capture.
 * Every profile finding of the real captures, each judged by hand, is in GoldenFindingsTest's files.
 */
class RealCaptureProfileTest {
    /** The real captures, kept once beside the pcap reader's own tests. */
    private static final Path PCAPS = Path.of("../telltale-formats/src/test/resources/pcap");

    @TempDir
    Path dir;

    @Test
    void theTextReportSummarisesTheProfilePerReceiver() {
        Path file = PCAPS.resolve("quickplay.pcap");
        CliRun run = CliRun.of("analyze", file.toString(), "--no-attribution");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // Without attribution the receiver is the host, as the report groups everything; the hosts and
        // request counts are those of the golden file.
        // The headline's first sentence is the user ids quickplay sends (RealAppIdentifiersTest); then the profile.
        assertThat(run.out()).contains(" The device's profile went to 6 receivers in 77 requests.\n")
                .contains("The device's profile, per receiver (--format json lists every finding):\n"
                        + "  The device's profile went to vod-singtelhawk.quickplay.com: device model, OS version (66 requests)\n"
                        + "  The device's profile went to api-singtelhawk.quickplay.com: device model, OS version, network type, "
                        + "language (5 requests)\n"
                        + "  The device's profile went to www.facebook.com: device model, OS version (3 requests)\n"
                        + "  The device's profile went to api.account.xiaomi.com: device model, OS version (1 request)\n"
                        + "  The device's profile went to clients3.google.com: device model, OS version (1 request)\n"
                        + "  The device's profile went to play-singtelhawk.quickplay.com: device model, OS version, language "
                        + "(1 request)\n");
    }
}
