package org.telltale.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.telltale.api.AnalysisResult;
import org.telltale.api.CanaryFile;
import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.Observation;
import org.telltale.api.OpaqueConnection;
import org.telltale.core.run.ResultCollector;
import org.telltale.store.CaseFile;
import org.telltale.store.StoredCapture;
import org.telltale.store.StoredRun;

/**
 * {@code telltale record} in a JVM of its own, as a person starts it, with its Telltale directory
 * given by {@code -Dtelltale.home}: where it listens and the live view it printed, and the case it
 * writes read from another connection while it runs. Every failure message carries what it printed.
 */
final class RecorderProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern LIVE_VIEW = Pattern.compile("Live view: (http://\\S+)");

    private final Process process;
    private final Path out;
    private final Path err;
    private final Path study;
    private final int port;

    private RecorderProcess(Process process, Path out, Path err, Path study, int port) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.study = study;
        this.port = port;
    }

    /** Starts {@code telltale record --case STUDY --listen 127.0.0.1:0 OPTIONS...} and waits until it listens. */
    static RecorderProcess start(Path dir, Path home, Path study, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtelltale.home=" + home, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "record", "--case", study.toString(), "--listen", "127.0.0.1:0"));
        command.addAll(List.of(options));
        Path out = dir.resolve("record.out");
        Path err = dir.resolve("record.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        for (int i = 0; i < 600 && p.isAlive(); i++) {
            Matcher m = LISTENING.matcher(Files.readString(out));
            if (m.find()) {
                return new RecorderProcess(p, out, err, study, Integer.parseInt(m.group(1)));
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("the recorder did not start:\n" + Files.readString(out) + Files.readString(err));
    }

    /** The proxy's port. */
    int port() {
        return port;
    }

    /** The live view's address it printed (with --ui). */
    URI liveView() throws IOException {
        Matcher m = LIVE_VIEW.matcher(Files.readString(out));
        if (!m.find()) {
            throw new AssertionError("no live view printed:\n" + printed());
        }
        return URI.create(m.group(1));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What it printed so far, standard output then standard error, for failure messages. */
    String printed() {
        try {
            return "--- telltale record's output:\n" + Files.readString(out) + "--- its errors:\n" + Files.readString(err);
        } catch (IOException e) {
            return "(its output cannot be read: " + e.getMessage() + ")";
        }
    }

    String output() throws IOException {
        return Files.readString(out);
    }

    String errors() throws IOException {
        return Files.readString(err);
    }

    /**
     * The newest run of the case, read while the recorder writes it, once the condition holds
     * (within 30 s); the failure says what was there and what the recorder printed.
     */
    AnalysisResult resultOnce(String what, Predicate<AnalysisResult> ready) throws Exception {
        AnalysisResult last = null;
        for (int i = 0; i < 300; i++) {
            try (CaseFile c = CaseFile.open(study)) {
                StoredRun run = c.runs().newest();
                if (run != null) {
                    ResultCollector collector = new ResultCollector(CanaryFile.EMPTY, true);
                    c.runs().replay(run, collector);
                    last = collector.result();
                    if (ready.test(last)) {
                        return last;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": not in the case in time; flows so far: "
                + (last == null ? "none" : last.flows().stream().map(f -> f.method() + " " + f.url()).toList())
                + ", findings: " + (last == null ? "none" : last.findings()) + "\n" + printed());
    }

    /** What the case's recording holds: its exchanges, its connections that were not read, its problems. */
    record Recorded(List<Exchange> exchanges, List<OpaqueConnection> unread, List<String> diagnostics) {
    }

    /** The recording as the case holds it now, in the order recorded. */
    Recorded recorded() throws Exception {
        List<Exchange> exchanges = new ArrayList<>();
        List<OpaqueConnection> unread = new ArrayList<>();
        List<String> diagnostics = new ArrayList<>();
        try (CaseFile c = CaseFile.open(study)) {
            StoredCapture recording = c.captures().list().stream().filter(StoredCapture::recording).findFirst()
                    .orElseThrow(() -> new AssertionError("no recording in the case\n" + printed()));
            c.captures().read(recording, new CaptureSink() {
                @Override
                public void observe(Observation o) {
                    if (o instanceof Exchange e) {
                        exchanges.add(e);
                    } else if (o instanceof OpaqueConnection u) {
                        unread.add(u);
                    }
                }

                @Override
                public void diagnostic(String origin, String message) {
                    diagnostics.add(origin + ": " + message);
                }
            });
        }
        return new Recorded(exchanges, unread, diagnostics);
    }

    /** The recording once the condition holds (within 30 s); the failure says what was there and what the recorder printed. */
    Recorded recordedOnce(String what, Predicate<Recorded> ready) throws Exception {
        Recorded last = null;
        for (int i = 0; i < 300; i++) {
            last = recorded();
            if (ready.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": not in the case in time; exchanges so far: "
                + last.exchanges().stream().map(e -> e.request().method() + " " + e.request().url()).toList()
                + ", unread: " + last.unread() + ", diagnostics: " + last.diagnostics() + "\n" + printed());
    }

    /** SIGTERM, as Ctrl-C: the recorder ends its run and its recording; its exit code. */
    int stop() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the recorder did not stop within 60 s\n" + printed());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
