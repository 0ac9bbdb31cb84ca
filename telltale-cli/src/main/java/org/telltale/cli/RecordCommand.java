package org.telltale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.telltale.api.AnalysisSink;
import org.telltale.api.CanaryFile;
import org.telltale.api.DestinationResolver;
import org.telltale.attribute.BundledResolver;
import org.telltale.core.canary.CanaryFileException;
import org.telltale.core.run.AnalysisRun;
import org.telltale.core.run.Attributor;
import org.telltale.proxy.CertificateAuthority;
import org.telltale.proxy.ProxyServer;
import org.telltale.proxy.ProxySettings;
import org.telltale.report.Headline;
import org.telltale.report.Terminal;
import org.telltale.store.CaptureImport;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.web.RecordingReports;
import org.telltale.web.WebView;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code telltale record}: the intercepting proxy, each exchange written into the case as it
 * completes and analysed at once, findings printed as they appear, until Ctrl-C (or q). Wiring only:
 * the proxy, the recording source, the run and the console are each their own class.
 */
@Command(name = "record", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Records a device's traffic through Telltale's own proxy (HTTP and SOCKS5 on one port, HTTPS "
                + "read with Telltale's certificate authority) into a case, analysing each exchange as it completes.")
final class RecordCommand implements Callable<Integer> {
    private static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");

    @Spec
    private CommandSpec spec;

    @Option(names = "--case", required = true, paramLabel = "CASE", description = "The case to record into (made if missing).")
    private Path caseFile;

    @Option(names = "--listen", defaultValue = "127.0.0.1:8080", paramLabel = "ADDRESS:PORT",
            description = "Where the proxy listens (default: ${DEFAULT-VALUE}; 0.0.0.0:8080 for a phone on the network).")
    private String listen;

    @Option(names = "--allow", split = ",", paramLabel = "CIDR",
            description = "Clients served, as address ranges (default: this machine only). Others are refused.")
    private List<String> allow;

    @Option(names = "--canaries", paramLabel = "FILE", description = "The planted values (YAML or JSON); kept in the case.")
    private Path canaryFile;

    @Option(names = "--passthrough", split = ",", paramLabel = "HOST",
            description = "Hosts (and their subdomains) tunnelled without being read, such as banking apps.")
    private List<String> passthrough = new ArrayList<>();

    @Option(names = "--insecure-upstream", description = "Do not verify servers' certificates (a test server of your own).")
    private boolean insecureUpstream;

    @Option(names = "--upstream-ca", paramLabel = "FILE",
            description = "Also trust these PEM certificates for servers (a private CA), besides the system's.")
    private Path upstreamCa;

    @Option(names = "--body-limit", defaultValue = "16777216", paramLabel = "BYTES",
            description = "Bytes of each body recorded; the rest is passed on and the exchange marked incomplete "
                    + "(default: ${DEFAULT-VALUE}).")
    private long bodyLimit;

    @Option(names = "--save-tls-keys", paramLabel = "FILE",
            description = "Append the TLS secrets of both sides (SSLKEYLOGFILE format) here, so Wireshark can decrypt "
                    + "a capture taken at the same time.")
    private Path tlsKeys;

    @Option(names = "--ui", description = "Also serve the case's live web view on 127.0.0.1.")
    private boolean ui;

    @Option(names = "--ui-port", defaultValue = "0", paramLabel = "PORT", description = "The web view's port (default: a free one).")
    private int uiPort;

    @Option(names = "--no-attribution", description = "Do not say who receives each finding.")
    private boolean noAttribution;

    @Option(names = "--threads", paramLabel = "N", description = "Exchanges analysed at once (default: the cores).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    private DataDirectoryOption data = new DataDirectoryOption();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetSocketAddress at = listenAddress(listen);
        if (at == null) {
            err.println("telltale: --listen must be ADDRESS:PORT (127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080), not '"
                    + Terminal.safe(listen) + "'");
            return Main.BAD_INPUT;
        }
        if (bodyLimit < 0) {
            err.println("telltale: --body-limit must be a number of bytes, 0 or more, not " + bodyLimit);
            return Main.BAD_INPUT;
        }
        CanaryFile given;
        try {
            given = CanaryFileOption.read(canaryFile);
        } catch (CanaryFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
        if (upstreamCa != null && !Files.isReadable(upstreamCa)) {
            err.println("telltale: " + Terminal.safe(upstreamCa.toString()) + ": cannot be read (--upstream-ca)");
            return Main.BAD_INPUT;
        }
        BundledResolver datasets;
        try {
            datasets = data.open();
        } catch (IOException e) {
            err.println("telltale: attribution data cannot be read: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
        CertificateAuthority ca;
        try {
            boolean existed = Files.exists(TelltaleHome.ca());
            ca = CertificateAuthority.loadOrCreate(TelltaleHome.ca());
            if (!existed) {
                out.println("Made Telltale's certificate authority in " + TelltaleHome.ca() + " (its key is readable by you only).");
            }
        } catch (IOException | RuntimeException e) {
            err.println("telltale: " + Terminal.safe(TelltaleHome.ca().toString()) + ": cannot load or create the certificate "
                    + "authority: " + Terminal.safe(String.valueOf(e.getMessage())));
            return Main.BAD_INPUT;
        }
        try (Recording r = Recording.open(caseFile, canaryFile, given)) {
            return record(r, at, ca, datasets, out, err);
        } catch (CaseFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
    }

    private int record(Recording r, InetSocketAddress at, CertificateAuthority ca, BundledResolver datasets,
                       PrintWriter out, PrintWriter err) throws CaseFileException, InterruptedException, IOException {
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        RecordingConsole console = new RecordingConsole(out, colour);
        SessionEngines engines = new SessionEngines(r.analysis.planted(), datasets.versions(), datasets, datasets,
                r.recordingFile.markedSessions());
        CountDownLatch stopRequested = new CountDownLatch(1);
        RecordingSource source = new RecordingSource(engines::refresh, console, stopRequested::countDown);
        WebView view = null;
        ProxyServer proxy;
        ProxySettings settings = new ProxySettings(at.getHostString(), at.getPort(),
                allow == null || allow.isEmpty() ? LOOPBACK : allow, passthrough, insecureUpstream, upstreamCa, bodyLimit,
                tlsKeys);
        // Nothing goes into the case until both listen: a port in use leaves the case as it was.
        try {
            if (ui) {
                view = WebView.start(new RecordingReports(r.uiFile, Version.VALUE, 1000), "127.0.0.1", uiPort);
            }
        } catch (RuntimeException e) {
            err.println("telltale: cannot serve the live view on 127.0.0.1:" + uiPort + ": "
                    + Terminal.safe(String.valueOf(e.getMessage())));
            return Main.BAD_INPUT;
        }
        try {
            proxy = ProxyServer.start(settings, ca, source);
        } catch (IOException | RuntimeException e) {
            if (view != null) {
                view.close();
            }
            // the port, an --allow entry, the --save-tls-keys file or the --upstream-ca file: the message names which
            err.println("telltale: cannot start the proxy on " + Terminal.safe(listen) + ": "
                    + Terminal.safe(String.valueOf(e.getMessage())));
            return Main.BAD_INPUT;
        }
        String name = "record " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CaptureImport recording = r.recordingFile.record(name);
        source.into(name, recording);
        DestinationResolver resolver = noAttribution ? DestinationResolver.NONE : datasets;
        AnalysisRun run = new AnalysisRun(engines, new Attributor(resolver), threads);
        AnalysisSink sink = r.analysis.tee(console, engines.get().spec(), datasets, true);
        AtomicReference<AnalysisRun.Outcome> outcome = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Thread runner = new Thread(() -> {
            AnalysisRun.Outcome o = run.run(List.of(source), sink);
            outcome.set(o);
            if (!stopping.get() || o.stopped() != null || o.failure() != null) {
                // The run ends only when the recording does; anything else (the case cannot be written, the
                // heap) stops the recorder rather than letting it proxy traffic nobody records.
                err.println("telltale: the analysis stopped (" + Terminal.safe(String.valueOf(o.stopped()))
                        + (o.failure() == null ? "" : ": " + Terminal.safe(String.valueOf(o.failure().getMessage())))
                        + "); stopping the recording; what was recorded before is in the case");
                err.flush();
                stopRequested.countDown();
            }
        }, "telltale-record-run");
        runner.start();
        TelltaleHome.noteRecording(caseFile);
        setup(out, proxy.address(), settings);
        if (view != null) {
            console.say("Live view: " + view.uri());
        }

        CountDownLatch stopped = new CountDownLatch(1);
        WebView shownView = view;
        ConsoleKeys consoleKeys = new ConsoleKeys(r.marksFile.markedSessions(), console, stopRequested::countDown);
        Runnable stop = () -> {
            if (!stopping.compareAndSet(false, true)) {
                awaitQuietly(stopped);
                return;
            }
            try {
                consoleKeys.restore(); // the keys thread stays blocked on a key: the terminal is given back here
                proxy.close(); // what is still open is handed over as incomplete
                source.end();
                joinQuietly(runner);
                recording.finish();
                recording.close();
                if (shownView != null) {
                    shownView.close();
                }
                TelltaleHome.forgetRecording();
                AnalysisRun.Outcome o = outcome.get();
                console.say("Stopped. Recorded " + Headline.plural(recording.exchanges(), "exchange") + " into " + caseFile
                        + (o == null ? "" : " (" + Headline.plural(o.findings(), "finding") + ")")
                        + "; the report: telltale report " + caseFile + " -o report.html");
            } catch (CaseFileException e) {
                err.println("telltale: " + Terminal.safe(e.getMessage()) + "; every exchange committed before is kept");
                err.flush();
            } finally {
                stopped.countDown();
            }
        };
        Thread hook = new Thread(stop, "telltale-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread keys = new Thread(consoleKeys, "telltale-record-keys");
        keys.setDaemon(true);
        keys.start();
        stopRequested.await();
        stop.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is what stopped it
        }
        return 0;
    }

    /** Says how to set the device up. */
    private void setup(PrintWriter out, InetSocketAddress bound, ProxySettings settings) {
        List<String> addresses = shownAddresses(bound);
        String port = String.valueOf(bound.getPort());
        out.println("Recording into " + Terminal.safe(caseFile.toString()) + ".");
        out.println("Proxy (HTTP and SOCKS5) listening on " + Terminal.safe(bound.getHostString()) + ":" + port
                + "; clients allowed: " + String.join(", ", settings.allow()) + ".");
        if (!bound.getAddress().isLoopbackAddress()) {
            out.println("It listens beyond this machine: only the clients allowed above are served.");
        }
        String first = addresses.get(0);
        out.println("On the device: set the Wi-Fi proxy to " + first + " port " + port + " (manual), then open http://"
                + first + ":" + port + "/ in its browser to install Telltale's certificate (steps for Android and iOS there).");
        if (addresses.size() > 1) {
            out.println("This machine's other addresses: " + String.join(", ", addresses.subList(1, addresses.size())));
        }
        if (!settings.passthrough().isEmpty()) {
            out.println("Passed through unread: " + Terminal.safe(String.join(", ", settings.passthrough())));
        }
        if (settings.tlsKeyLog() != null) {
            out.println("TLS secrets of both sides go to " + Terminal.safe(settings.tlsKeyLog().toString()) + ".");
        }
        out.println(ConsoleKeys.HELP);
        out.flush();
    }

    /** The addresses a device would use: the listening one, or this machine's own when it listens on all. */
    private static List<String> shownAddresses(InetSocketAddress bound) {
        if (!bound.getAddress().isAnyLocalAddress()) {
            String h = bound.getAddress().getHostAddress();
            return List.of(h.contains(":") ? "[" + h + "]" : h);
        }
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (n.isUp() && !n.isLoopback()) {
                    for (InetAddress a : Collections.list(n.getInetAddresses())) {
                        if (a instanceof Inet4Address) {
                            out.add(a.getHostAddress());
                        }
                    }
                }
            }
        } catch (SocketException e) {
            // fall back to loopback below
        }
        if (out.isEmpty()) {
            out.add("127.0.0.1");
        }
        return out;
    }

    /** "host:port", "[v6]:port"; null when it is neither. */
    static InetSocketAddress listenAddress(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            return null;
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 0 || port > 65535 || host.isEmpty()) {
                return null;
            }
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (NumberFormatException | IOException e) {
            return null;
        }
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The case's connections of a recording: the recording and its marks read on the run's reading
     * thread, the run written on the emitting thread (through the case analysis), the console's marks,
     * and the web view, each its own, since one SQLite connection serves one thread at a time.
     */
    private static final class Recording implements AutoCloseable {
        final CaseAnalysis analysis;
        final CaseFile recordingFile;
        final CaseFile marksFile;
        final CaseFile uiFile;

        private Recording(CaseAnalysis analysis, CaseFile recordingFile, CaseFile marksFile, CaseFile uiFile) {
            this.analysis = analysis;
            this.recordingFile = recordingFile;
            this.marksFile = marksFile;
            this.uiFile = uiFile;
        }

        static Recording open(Path file, Path canaryFile, CanaryFile given) throws CaseFileException {
            CaseFile.openOrCreate(file).close();
            CaseAnalysis analysis = CaseAnalysis.open(List.of(file), canaryFile, given);
            return new Recording(analysis, CaseFile.open(file), CaseFile.open(file), CaseFile.open(file));
        }

        @Override
        public void close() {
            analysis.close();
            for (CaseFile c : List.of(recordingFile, marksFile, uiFile)) {
                try {
                    c.close();
                } catch (CaseFileException e) {
                    // what was committed is in the file
                }
            }
        }
    }
}
