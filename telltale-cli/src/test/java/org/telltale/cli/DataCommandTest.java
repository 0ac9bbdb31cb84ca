package org.telltale.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DataCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new DataCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void infoListsEveryBundledDatasetWithVersionLicenceAndSize(@TempDir Path empty) {
        assertThat(run("info", "--data-dir", empty.toString())).isZero();

        assertThat(out.toString())
                .contains("ip-location-db/asn", "version:  2.3.2026061719", "CC-BY-4.0 (RouteViews, NRO, DB-IP)")
                .contains("exodus-privacy", "ODbL-1.0")
                .contains("easyprivacy", "x-ray-2020", "disconnect-2019", "telltale-vendors")
                .contains("(bundled)")
                .containsPattern("size: +\\d+\\.\\d MiB");
    }

    @Test
    void updateRebuildsFromExtractedCsvsAndShowsWhatChanged(@TempDir Path from, @TempDir Path data) throws IOException {
        Files.writeString(from.resolve("asn-ipv4.csv"), "8.8.8.0,8.8.8.255,15169,Google LLC\n"
                + "9.9.9.0,9.9.9.255,19281,Quad9\nnot,a,row\n");

        assertThat(run("update", "--from", from.toString(), "--data-dir", data.toString())).isZero();
        assertThat(out.toString()).contains("ip-location-db/asn: added, version unknown, 2 entries")
                .contains("1 unreadable rows skipped");

        out.getBuffer().setLength(0);
        assertThat(run("info", "--data-dir", data.toString())).isZero();
        assertThat(out.toString()).contains("entries:  2").contains(data.toString());
    }

    @Test
    void updateFromADirectoryWithoutDownloadsExitsWithTwo(@TempDir Path from, @TempDir Path data) {
        assertThat(run("update", "--from", from.toString(), "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no dataset input found");
        assertThat(run("update")).isEqualTo(2);
    }
}
