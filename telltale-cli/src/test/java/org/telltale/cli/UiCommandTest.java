package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code telltale ui} in a JVM of its own: the address it prints serves the report, and --listen is said. */
class UiCommandTest {
    private static final Pattern ADDRESS = Pattern.compile("(http://\\S+/\\?token=[0-9a-f]+)");

    @TempDir
    Path dir;

    private Path exampleCase() {
        return ReportFiles.newCase(dir.resolve("study.case"), TestFiles.copy("example/capture.har", dir),
                TestFiles.copy("example/planted.yaml", dir));
    }

    private Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "ui"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("ui.out").toFile())
                .redirectError(dir.resolve("ui.err").toFile()).start();
    }

    /** The address the child printed, once it has. */
    private String address(Process p) throws Exception {
        for (int i = 0; i < 600 && p.isAlive(); i++) {
            Matcher m = ADDRESS.matcher(Files.readString(dir.resolve("ui.out")));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no address printed: " + Files.readString(dir.resolve("ui.out"))
                + Files.readString(dir.resolve("ui.err")));
    }

    @Test
    void theAddressItPrintsServesTheLiveReportOnLoopbackAndNothingWithoutTheToken() throws Exception {
        Path study = exampleCase();
        Process p = start(study.toString());
        try {
            URI uri = URI.create(address(p));
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'")
                    .contains("connect-src 'self'");
            assertThat(page.body()).contains("\"mode\":\"live\"").contains("study.case");
            HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(uri.toString().replaceFirst(
                    "\\?token=.*", ""))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).isEqualTo(403);
            assertThat(noToken.body()).doesNotContain("report-data");
            assertThat(Files.readString(dir.resolve("ui.out"))).doesNotContain("not only on this machine");
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(dir.resolve("ui.err"))).doesNotContain("Exception");
    }

    @Test
    void listeningBeyondLoopbackIsSaid() throws Exception {
        Path study = exampleCase();
        Process p = start(study.toString(), "--listen", "0.0.0.0");
        try {
            URI uri = URI.create(address(p));
            assertThat(Files.readString(dir.resolve("ui.out"))).contains("Listening on 0.0.0.0, not only on this machine");
            // Reached under any name, as from another machine; still only with the token.
            HttpClient http = HttpClient.newHttpClient();
            URI byName = URI.create(uri.toString().replace("127.0.0.1", "localhost"));
            assertThat(http.send(HttpRequest.newBuilder(byName).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(byName.toString().replaceFirst("token=.*", "token=0")))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFileThatIsNotACaseIsSaidInOneLine() throws Exception {
        Path har = TestFiles.copy("example/capture.har", dir);
        CliRun run = CliRun.of("ui", har.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("not a case file");
    }
}
