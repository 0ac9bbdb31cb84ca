package org.telltale.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.telltale.api.AnalysisSink;
import org.telltale.api.Attribution;
import org.telltale.api.CaptureSink;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.Observation;
import org.telltale.api.OpaqueFlow;
import org.telltale.report.Terminal;

/**
 * What {@code telltale record} prints while it runs: one line per exchange as it is analysed, a
 * highlighted line per finding under it, a line per connection that could not be read and why, and
 * each problem as it is met. Captured text is made safe for the terminal; colour only on a terminal.
 */
final class RecordingConsole implements AnalysisSink, CaptureSink {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int URL_WIDTH = 100;

    private final PrintWriter out;
    private final boolean colour;

    RecordingConsole(PrintWriter out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public void begin(List<String> inputs) {
    }

    @Override
    public synchronized void exchange(ExchangeAnalysis a) {
        Flow f = a.flow();
        out.println(clock(f.time()) + "  " + Terminal.safe(f.method()) + " " + clip(Terminal.safe(f.url()))
                + (f.session() == null ? "" : "  [" + Terminal.safe(f.session()) + "]")
                + (f.incomplete() ? "  (incomplete)" : ""));
        for (Finding x : a.findings()) {
            String what = (x.canary() != null ? "planted " + Terminal.safe(x.canary()) : Terminal.safe(x.kind()))
                    + ": " + Terminal.safe(x.value());
            out.println(mark("  ! " + what + " -> " + receiver(x)) + "  via " + Terminal.safe(x.provenance()));
        }
        out.flush();
    }

    @Override
    public synchronized void opaque(OpaqueFlow o) {
        String server = o.connection().sni() != null ? o.connection().sni() : o.connection().server().host();
        out.println(clock(o.connection().time()) + "  not read: " + Terminal.safe(server) + " ("
                + Terminal.safe(o.connection().reason() != null ? o.connection().reason() : o.connection().protocol()) + ")");
        out.flush();
    }

    @Override
    public void end(List<Diagnostic> diagnostics, String stopped) {
    }

    /** A problem as the recording meets it. */
    @Override
    public synchronized void diagnostic(String origin, String message) {
        out.println(clock(Instant.now()) + "  " + Terminal.safe(origin) + ": " + Terminal.safe(message));
        out.flush();
    }

    @Override
    public void observe(Observation observation) {
        // exchanges are printed once analysed
    }

    /** A line of the recorder's own (a session marked, the recording stopped). */
    synchronized void say(String line) {
        out.println(line);
        out.flush();
    }

    private static String receiver(Finding f) {
        Attribution a = f.destination().attribution();
        String host = Terminal.safe(f.destination().host());
        String org = a.organization() == null ? host : Terminal.safe(a.organization()) + " (" + host + ")";
        return a.country() == null ? org : org + ", server in " + Terminal.safe(a.country());
    }

    private String mark(String s) {
        return colour ? "\u001b[1;31m" + s + "\u001b[0m" : s;
    }

    private static String clock(Instant t) {
        return t == null ? "--:--:--" : CLOCK.format(t);
    }

    private static String clip(String s) {
        return s.length() > URL_WIDTH ? s.substring(0, URL_WIDTH - 1) + "\u2026" : s;
    }
}
