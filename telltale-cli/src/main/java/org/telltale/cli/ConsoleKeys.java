package org.telltale.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.telltale.report.Terminal;
import org.telltale.store.CaseFileException;
import org.telltale.store.MarkedSessions;

/**
 * The recorder's keys. On a terminal, single keys (the terminal is put in cbreak mode with stty and
 * restored after): {@code i} opens or closes an "incognito" window, {@code m} a "marked" one, {@code
 * q} stops. Without a terminal, lines: {@code i}, {@code m}, {@code start LABEL}, {@code stop}, {@code quit}. The end of
 * input (a recorder started in the background) leaves the recording running.
 */
final class ConsoleKeys implements Runnable {
    static final String HELP = "Keys: i starts or ends an incognito session, m a marked one, q stops "
            + "(or Ctrl-C; telltale session start LABEL / stop from another terminal).";

    private final MarkedSessions marks;
    private final RecordingConsole console;
    private final Runnable quit;

    ConsoleKeys(MarkedSessions marks, RecordingConsole console, Runnable quit) {
        this.marks = marks;
        this.console = console;
        this.quit = quit;
    }

    /** The terminal's settings before single-key mode, while they are to be given back. */
    private String saved;
    /** Whether the terminal has been given back: single-key mode is not entered after. */
    private boolean restored;

    @Override
    public void run() {
        String before = System.console() != null ? stty("-g") : null;
        try {
            if (before != null && singleKeys(before)) {
                keys(System.in);
            } else {
                lines(System.in);
            }
        } catch (IOException e) {
            // no more input; the recording goes on until Ctrl-C
        } finally {
            restore();
        }
    }

    /** Puts the terminal in single-key mode, unless it has already been given back. */
    private synchronized boolean singleKeys(String before) {
        if (restored) {
            return false;
        }
        saved = before.strip();
        return stty("-icanon -echo min 1") != null;
    }

    /**
     * Gives the terminal its settings back. Also called when the recorder stops on Ctrl-C, since this
     * thread is then still blocked reading a key and never reaches its own end.
     */
    synchronized void restore() {
        restored = true;
        if (saved != null) {
            stty(saved);
            saved = null;
        }
    }

    private void keys(InputStream in) throws IOException {
        int c;
        while ((c = in.read()) != -1) {
            switch (c) {
                case 'i' -> toggle("incognito");
                case 'm' -> toggle("marked");
                case 'q' -> {
                    quit.run();
                    return;
                }
                case '?', 'h' -> console.say(HELP);
                default -> {
                    // other keys do nothing, so a stray key press changes nothing
                }
            }
        }
    }

    private void lines(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            String l = line.strip();
            if (l.equals("quit") || l.equals("q")) {
                quit.run();
                return;
            } else if (l.equals("stop")) {
                stop();
            } else if (l.startsWith("start ") && !l.substring(6).isBlank()) {
                start(l.substring(6).strip());
            } else if (l.equals("i")) {
                toggle("incognito");
            } else if (l.equals("m")) {
                toggle("marked");
            } else if (!l.isEmpty()) {
                console.say("Lines: i, m, start LABEL, stop, quit.");
            }
        }
    }

    private void toggle(String label) {
        try {
            String open = marks.current();
            if (label.equals(open)) {
                stop();
            } else {
                start(label);
            }
        } catch (CaseFileException e) {
            console.say("Cannot read the marked sessions: " + Terminal.safe(e.getMessage()));
        }
    }

    private void start(String label) {
        try {
            Instant now = marks.startNow(label);
            console.say("== session '" + Terminal.safe(label) + "' started at " + now + " ==");
        } catch (CaseFileException e) {
            console.say("Cannot mark the session: " + Terminal.safe(e.getMessage()));
        }
    }

    private void stop() {
        try {
            MarkedSessions.Ended ended = marks.stopNow();
            String label = ended.label();
            Instant now = ended.at();
            console.say(label == null ? "No session is open." : "== session '" + Terminal.safe(label) + "' ended at " + now + " ==");
        } catch (CaseFileException e) {
            console.say("Cannot mark the session's end: " + Terminal.safe(e.getMessage()));
        }
    }

    /** Runs stty on the controlling terminal; its output, or null when it failed. */
    private static String stty(String args) {
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", "stty " + args).redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
