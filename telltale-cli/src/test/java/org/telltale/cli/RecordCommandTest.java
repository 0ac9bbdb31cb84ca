package org.telltale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telltale.api.AnalysisResult;
import org.telltale.api.CanaryFile;
import org.telltale.api.Finding;
import org.telltale.core.run.ResultCollector;
import org.telltale.store.CaseFile;
import org.telltale.store.StoredCapture;
import org.telltale.store.StoredRun;
import org.telltale.testkit.Oracles;

/**
 * {@code telltale record} in a JVM of its own, with real curl through it to a real HTTPS server on
 * loopback: a planted value wrapped in base64 and JSON is in the case, with its path, while the
 * recorder still runs; a session marked from another command marks what follows; stopping it (the
 * signal Ctrl-C sends, or a kill) loses nothing recorded.
 */
class RecordCommandTest {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final String EMAIL = "jane.canary.4821@example.org";

    @TempDir
    Path dir;
    private HttpsOrigin origin;
    private Process recorder;
    private Path study;

    @BeforeEach
    void start() throws Exception {
        Oracles.need("curl");
        Oracles.need("openssl");
        Files.createDirectories(dir.resolve("origin"));
        origin = HttpsOrigin.start(dir.resolve("origin"));
        Files.writeString(dir.resolve("planted.yaml"), "canaries:\n  - id: my-email\n    type: email\n    value: \"" + EMAIL
                + "\"\n", StandardCharsets.UTF_8);
        study = dir.resolve("study.case");
    }

    @AfterEach
    void stop() {
        if (recorder != null) {
            recorder.destroyForcibly();
        }
        if (origin != null) {
            origin.close();
        }
    }

    private int startRecorder() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtelltale.home=" + dir.resolve("home"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "record", "--case", study.toString(), "--listen", "127.0.0.1:0",
                "--canaries", dir.resolve("planted.yaml").toString(), "--upstream-ca", origin.caPem.toString()));
        recorder = new ProcessBuilder(command).redirectOutput(dir.resolve("record.out").toFile())
                .redirectError(dir.resolve("record.err").toFile()).start();
        for (int i = 0; i < 600 && recorder.isAlive(); i++) {
            Matcher m = LISTENING.matcher(Files.readString(dir.resolve("record.out")));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the recorder did not start: " + Files.readString(dir.resolve("record.out"))
                + Files.readString(dir.resolve("record.err")));
    }

    /** The recorder's CA, exported as a user would, with the same Telltale directory. */
    private Path exportedCa() {
        Path pem = dir.resolve("telltale-ca.pem");
        CliRun r = inHome("ca", "export", "--format", "pem", "-o", pem.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return pem;
    }

    /** A command run in this JVM with the test's Telltale directory. */
    private CliRun inHome(String... args) {
        String before = System.getProperty("telltale.home");
        System.setProperty("telltale.home", dir.resolve("home").toString());
        try {
            return CliRun.of(args);
        } finally {
            if (before == null) {
                System.clearProperty("telltale.home");
            } else {
                System.setProperty("telltale.home", before);
            }
        }
    }

    @Test
    void aPortInUseIsOneLineAndLeavesTheCaseWithoutARecordingOrARun() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun r = inHome("record", "--case", study.toString(), "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).startsWith("telltale: cannot start the proxy on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("\n").doesNotContain("Exception:").doesNotContain("\tat ");
        }
        try (CaseFile c = CaseFile.open(study)) {
            assertThat(c.captures().list()).isEmpty();
            assertThat(c.runs().list()).isEmpty();
        }
    }

    @Test
    void aNegativeBodyLimitIsBadInputInOneLineAndMakesNoCase() {
        CliRun r = inHome("record", "--case", study.toString(), "--listen", "127.0.0.1:0", "--body-limit", "-5");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("telltale: --body-limit").contains("-5").doesNotContain("\n")
                .doesNotContain("internal error").doesNotContain("Exception");
        assertThat(study).doesNotExist();
    }

    private String curl(int proxyPort, Path ca, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "--proxy",
                "http://127.0.0.1:" + proxyPort, "--cacert", ca.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("curl: " + out).isZero();
        return out;
    }

    /** Telemetry as an SDK would send it: the e-mail in JSON, base64-encoded, in a form field. */
    private String telemetry(String event) {
        String json = "{\"event\":\"" + event + "\",\"user\":{\"email\":\"" + EMAIL + "\"}}";
        return "data=" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The findings of the case's newest run, read while the recorder writes it, once the condition holds. */
    private List<Finding> findingsOnce(Predicate<List<Finding>> ready) throws Exception {
        List<Finding> last = List.of();
        for (int i = 0; i < 200; i++) {
            try (CaseFile c = CaseFile.open(study)) {
                StoredRun run = c.runs().newest();
                if (run != null) {
                    ResultCollector collector = new ResultCollector(CanaryFile.EMPTY, true);
                    c.runs().replay(run, collector);
                    AnalysisResult result = collector.result();
                    last = result.findings();
                    if (ready.test(last)) {
                        return last;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not in the case in time; findings so far: " + last + "\n"
                + Files.readString(dir.resolve("record.out")) + Files.readString(dir.resolve("record.err")));
    }

    @Test
    void aPlantedValueSentThroughTheRecorderIsInTheCaseWithItsPathWhileItRunsAndMarkedSessionsApply() throws Exception {
        int port = startRecorder();
        Path ca = exportedCa();
        String url = "https://localhost:" + origin.port() + "/collect";
        assertThat(curl(port, ca, "--http1.1", "-d", telemetry("open"), url)).isEqualTo("ok");

        List<Finding> first = findingsOnce(f -> !f.isEmpty());
        assertThat(recorder.isAlive()).isTrue();
        assertThat(first).singleElement().satisfies(f -> {
            assertThat(f.canary()).isEqualTo("my-email");
            assertThat(f.provenance()).isEqualTo("request.body > form:data > base64 > json:$.user.email");
            assertThat(f.session()).isNull();
            assertThat(f.destination().host()).isEqualTo("localhost");
        });
        assertThat(origin.received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(telemetry("open"));
        });
        assertThat(Files.readString(dir.resolve("record.out"))).contains("POST " + url).contains("planted my-email: " + EMAIL);

        CliRun marked = CliRun.of("session", "start", "incognito", "--case", study.toString());
        assertThat(marked.exitCode()).as(marked.err()).isZero();
        assertThat(curl(port, ca, "--http2", "-d", telemetry("private"), url)).isEqualTo("ok");
        List<Finding> both = findingsOnce(f -> f.size() == 2);
        assertThat(both.get(1).session()).isEqualTo("incognito");
        assertThat(CliRun.of("session", "stop", "--case", study.toString()).out()).contains("Session 'incognito' ended");

        recorder.destroy(); // SIGTERM, as Ctrl-C: the recorder ends its run and its recording
        assertThat(recorder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("record.out"))).contains("Stopped. Recorded 2 exchanges");
        try (CaseFile c = CaseFile.open(study)) {
            StoredCapture recording = c.captures().list().get(0);
            assertThat(recording.recording()).isTrue();
            assertThat(recording.complete()).isTrue();
            assertThat(recording.exchanges()).isEqualTo(2);
            StoredRun run = c.runs().latest();
            assertThat(run).as("the recording's run ended, so reports show it").isNotNull();
            assertThat(run.findings()).isEqualTo(2);
        }
        CliRun report = CliRun.of("report", study.toString(), "-o", dir.resolve("report.html").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("my-email");
        assertThat(Files.readString(dir.resolve("record.err"))).doesNotContain("Exception");
    }

    /**
     * A mark is by time: an exchange that starts after a session's start is in it, in the live run and
     * in every later analysis alike, however long the marking command waits for the case's write lock
     * (held here by sqlite3, as another import or analysis of the case would hold it).
     */
    @Test
    void aSessionMarkedWhileTheCaseIsBusyMarksTheSameExchangesLiveAndOnReanalysis() throws Exception {
        Oracles.need("sqlite3");
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        Oracles.need("jstack", Files.isExecutable(jstack), "not in this JDK");
        int port = startRecorder();
        Path ca = exportedCa();
        String url = "https://localhost:" + origin.port() + "/collect";
        curl(port, ca, "-d", telemetry("before"), url);
        findingsOnce(f -> f.size() == 1);

        Process lock = new ProcessBuilder("sqlite3", study.toString()).redirectErrorStream(true).start();
        var lockIn = new java.io.PrintWriter(lock.getOutputStream(), true, StandardCharsets.UTF_8);
        var lockOut = new java.io.BufferedReader(new java.io.InputStreamReader(lock.getInputStream(), StandardCharsets.UTF_8));
        lockIn.println("BEGIN IMMEDIATE;");
        lockIn.println("SELECT 'locked';");
        assertThat(lockOut.readLine()).isEqualTo("locked");

        Process session = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtelltale.home=" + dir.resolve("home"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "session", "start", "incognito", "--case", study.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("session.out").toFile()).start();
        String pid = String.valueOf(session.pid());
        boolean waiting = false;
        for (int i = 0; i < 60 && !waiting; i++) {
            Process js = new ProcessBuilder(jstack.toString(), pid)
                    .redirectErrorStream(true).start();
            waiting = new String(js.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("MarkedSessions");
            js.waitFor();
        }
        assertThat(waiting).as("telltale session start waits for the case's write lock").isTrue();
        new ProcessBuilder("kill", "-STOP", pid).start().waitFor(); // it stays where it is, whatever it has done
        lockIn.println("ROLLBACK;");
        lockIn.println(".quit");
        assertThat(lock.waitFor(10, TimeUnit.SECONDS)).isTrue();

        curl(port, ca, "-d", telemetry("during"), url);
        List<Finding> live = findingsOnce(f -> f.size() == 2);
        new ProcessBuilder("kill", "-CONT", pid).start().waitFor();
        assertThat(session.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(session.exitValue()).as(Files.readString(dir.resolve("session.out"))).isZero();

        recorder.destroy();
        assertThat(recorder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        CliRun again = CliRun.of("analyze", study.toString(), "--format", "json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        List<Finding> reanalysed = findingsOnce(f -> f.size() == 2);
        assertThat(reanalysed.stream().map(Finding::session).toList())
                .as("sessions live (%s) and on re-analysis; %s", live.stream().map(Finding::session).toList(),
                        Files.readString(dir.resolve("session.out")))
                .isEqualTo(live.stream().map(Finding::session).toList());
    }

    /**
     * Another program holds the case's write lock longer than the busy timeout (a long import into the
     * same case) while the device keeps sending: the recorder stops when Ctrl-C asks, and every
     * exchange the device got its answer for is in the case.
     */
    @Test
    void aCaseLockedPastTheBusyTimeoutUnderLoadNeitherHangsTheRecorderNorLosesWhatWasHandedOver() throws Exception {
        Oracles.need("sqlite3");
        int port = startRecorder();
        Path ca = exportedCa();
        String url = "https://localhost:" + origin.port() + "/collect";
        curl(port, ca, "-d", telemetry("before"), url);
        findingsOnce(f -> f.size() == 1);

        Process lock = new ProcessBuilder("sqlite3", study.toString()).redirectErrorStream(true).start();
        var lockIn = new java.io.PrintWriter(lock.getOutputStream(), true, StandardCharsets.UTF_8);
        var lockOut = new java.io.BufferedReader(new java.io.InputStreamReader(lock.getInputStream(), StandardCharsets.UTF_8));
        lockIn.println("BEGIN IMMEDIATE;");
        lockIn.println("SELECT 'locked';");
        assertThat(lockOut.readLine()).isEqualTo("locked");

        int requests = RecordingSource.WAITING + 200;
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "40", "-Z", "--parallel-max", "8",
                "--proxy", "http://127.0.0.1:" + port, "--cacert", ca.toString(), "-w", "%{http_code}\\n", "-o", "/dev/null"));
        for (int i = 0; i < requests; i++) {
            command.add(url + "?n=" + i);
        }
        Process load = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("load.out").toFile())
                .start();
        Thread.sleep(14_000); // past the case's busy timeout of 10 s
        lockIn.println("ROLLBACK;");
        lockIn.println(".quit");
        assertThat(lock.waitFor(10, TimeUnit.SECONDS)).isTrue();
        load.waitFor(60, TimeUnit.SECONDS);
        long answered = Files.readAllLines(dir.resolve("load.out")).stream().filter(l -> l.equals("200")).count();

        recorder.destroy(); // SIGTERM, as Ctrl-C
        assertThat(recorder.waitFor(60, TimeUnit.SECONDS)).as("the recorder stops on Ctrl-C; it said: "
                + Files.readString(dir.resolve("record.err"))).isTrue();
        try (CaseFile c = CaseFile.open(study)) {
            StoredCapture recording = c.captures().list().get(0);
            assertThat(recording.exchanges()).as("every exchange answered (%d) and the first is in the case; it said: %s",
                    answered, Files.readString(dir.resolve("record.err"))).isGreaterThanOrEqualTo(answered + 1);
        }
    }

    /**
     * On a terminal the recorder reads single keys (stty -icanon -echo); Ctrl-C must give the terminal
     * back as it found it, or the user's shell no longer echoes what they type. Run under script(1)
     * for a real pseudo-terminal; the shell prints stty -a after the recorder exits.
     */
    @Test
    void ctrlCOnATerminalGivesTheTerminalBackWithEchoOn() throws Exception {
        Oracles.need("script");
        Oracles.need("stty");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The shell traps INT so Ctrl-C ends only the recorder (dash would die with it); a trapped signal is
        // back to its default in the child, so the recorder still gets Ctrl-C as from a terminal.
        String record = "trap true INT; '" + java + "' -Dtelltale.home='" + dir.resolve("home") + "' -cp '"
                + System.getProperty("java.class.path") + "' " + Main.class.getName() + " record --case '" + study
                + "' --listen 127.0.0.1:0; echo STTY-AFTER; stty -a";
        ProcessBuilder shell = new ProcessBuilder("script", "-qec", record, "/dev/null").redirectErrorStream(true)
                .redirectOutput(dir.resolve("tty.out").toFile());
        shell.environment().put("SHELL", "/bin/sh"); // script(1) runs $SHELL; CI has none set, so pin it here too
        Process tty = shell.start();
        for (int i = 0; i < 600 && tty.isAlive() && !Files.readString(dir.resolve("tty.out")).contains("Keys:"); i++) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(dir.resolve("tty.out"))).contains("Keys:");
        Thread.sleep(1000); // the keys thread has put the terminal in single-key mode
        tty.getOutputStream().write(3); // Ctrl-C, as the terminal sends it
        tty.getOutputStream().flush();
        for (int i = 0; i < 600 && !Files.readString(dir.resolve("tty.out")).contains("STTY-AFTER"); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        tty.getOutputStream().close();
        tty.waitFor(30, TimeUnit.SECONDS);
        tty.destroyForcibly();
        String out = Files.readString(dir.resolve("tty.out"));
        assertThat(out).contains("Stopped.").contains("STTY-AFTER");
        String after = out.substring(out.indexOf("STTY-AFTER"));
        assertThat(after).as(after).containsPattern("(?<![-\\w])echo(?![\\w])").containsPattern("(?<![-\\w])icanon");
    }

    /** A HAR of n GET requests, as a browser would save it. */
    private static String har(int n) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < n; i++) {
            entries.append(i == 0 ? "" : ",").append("{\"startedDateTime\":\"2020-04-21T09:11:0").append(i)
                    .append(".000Z\",\"time\":1,\"request\":{\"method\":\"GET\",\"url\":\"https://example.org/").append(i)
                    .append("\",\"httpVersion\":\"HTTP/1.1\",\"headers\":[],\"queryString\":[],\"cookies\":[],")
                    .append("\"headersSize\":-1,\"bodySize\":0},\"response\":{\"status\":200,\"statusText\":\"OK\",")
                    .append("\"httpVersion\":\"HTTP/1.1\",\"headers\":[],\"cookies\":[],\"content\":{\"size\":0,")
                    .append("\"mimeType\":\"text/plain\"},\"redirectURL\":\"\",\"headersSize\":-1,\"bodySize\":0},")
                    .append("\"cache\":{},\"timings\":{\"send\":0,\"wait\":1,\"receive\":0}}");
        }
        return "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"test\",\"version\":\"1\"},\"entries\":["
                + entries + "]}}";
    }

    /**
     * Another device's HAR imported into the case while the recorder writes into it: both keep every
     * exchange, and the recorder goes on recording and analysing.
     */
    @Test
    void aCaptureImportedIntoTheCaseWhileRecordingLeavesTheRecorderRecording() throws Exception {
        int port = startRecorder();
        Path ca = exportedCa();
        String url = "https://localhost:" + origin.port() + "/collect";
        curl(port, ca, "-d", telemetry("before"), url);
        findingsOnce(f -> f.size() == 1);

        Files.writeString(dir.resolve("other.har"), har(3), StandardCharsets.UTF_8);
        CliRun imported = CliRun.of("import", dir.resolve("other.har").toString(), "--case", study.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        curl(port, ca, "-d", telemetry("after"), url);
        findingsOnce(f -> f.size() == 2);
        assertThat(recorder.isAlive()).as(Files.readString(dir.resolve("record.err"))).isTrue();
        recorder.destroy();
        assertThat(recorder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        try (CaseFile c = CaseFile.open(study)) {
            assertThat(c.captures().list()).extracting(StoredCapture::exchanges).containsExactly(2L, 3L);
        }
        // Newer JDKs warn about native code (sqlite-jdbc) when started with -cp as here; nothing else may appear.
        assertThat(Files.readString(dir.resolve("record.err")).lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: ")))
                .isEmpty();
    }

    @Test
    void aKilledRecorderLosesNothingItRecordedAndTheCaseIsAnalysedAfter() throws Exception {
        int port = startRecorder();
        Path ca = exportedCa();
        String url = "https://localhost:" + origin.port() + "/collect";
        curl(port, ca, "-d", telemetry("one"), url);
        curl(port, ca, "-d", telemetry("two"), url);
        findingsOnce(f -> f.size() == 2);
        recorder.destroyForcibly(); // SIGKILL: no hook runs
        assertThat(recorder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (CaseFile c = CaseFile.open(study)) {
            StoredCapture recording = c.captures().list().get(0);
            assertThat(recording.complete()).as("never stopped cleanly").isFalse();
            assertThat(recording.exchanges()).isEqualTo(2);
            assertThat(c.runs().latest()).as("the killed run never ended").isNull();
        }
        CliRun again = CliRun.of("analyze", study.toString(), "--format", "json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("\"canary\":\"my-email\"");
        assertThat(again.out().split("\"canary\":\"my-email\"", -1)).hasSize(3);
    }

    @Test
    void aClientOutsideAllowIsRefusedAndTheConsoleSaysSo() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtelltale.home=" + dir.resolve("home"), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "record", "--case", study.toString(), "--listen", "127.0.0.1:0",
                "--allow", "10.0.0.0/8"));
        recorder = new ProcessBuilder(command).redirectOutput(dir.resolve("record.out").toFile())
                .redirectError(dir.resolve("record.err").toFile()).start();
        int port = -1;
        for (int i = 0; i < 600 && port < 0; i++) {
            Matcher m = LISTENING.matcher(Files.readString(dir.resolve("record.out")));
            port = m.find() ? Integer.parseInt(m.group(1)) : -1;
            Thread.sleep(100);
        }
        assertThat(Files.readString(dir.resolve("record.out"))).contains("clients allowed: 10.0.0.0/8");
        Process p = new ProcessBuilder("curl", "-sS", "--max-time", "10", "--proxy", "http://127.0.0.1:" + port,
                "http://localhost:" + origin.port() + "/").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as("curl is refused").isNotZero();
        for (int i = 0; i < 100 && !Files.readString(dir.resolve("record.out")).contains("not in --allow"); i++) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(dir.resolve("record.out"))).contains("refused, not in --allow");
        assertThat(origin.received).isEmpty();
    }
}
