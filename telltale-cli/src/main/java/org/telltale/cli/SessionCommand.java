package org.telltale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import org.telltale.api.Session;
import org.telltale.report.Terminal;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.store.MarkedSessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code telltale session start|stop|list}: marks session windows (incognito, logged out) in a case,
 * usually while {@code telltale record} writes into it; the recorder applies a mark to every exchange
 * it reads after, by the exchange's time, and every later analysis of the case does the same.
 */
@Command(name = "session", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Marks session windows (incognito, ...) in a case; by default the case telltale record is writing.",
        subcommands = {SessionCommand.Start.class, SessionCommand.Stop.class, SessionCommand.ListCommand.class})
final class SessionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.BAD_INPUT;
    }

    /** What every subcommand shares: which case, and opening it. */
    abstract static class Marking implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--case", paramLabel = "CASE",
                description = "The case (default: the one telltale record is writing into).")
        Path caseFile;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Path file = caseFile != null ? caseFile : TelltaleHome.recordingCase();
            if (file == null) {
                err.println("telltale: no recording is running; name the case with --case");
                return Main.BAD_INPUT;
            }
            if (!CaseFile.looksLikeCase(file)) {
                err.println("telltale: " + Terminal.safe(file.toString()) + ": not a case file");
                return Main.BAD_INPUT;
            }
            try (CaseFile c = CaseFile.open(file)) {
                run(c.markedSessions(), file, spec.commandLine().getOut());
                return 0;
            } catch (CaseFileException e) {
                err.println("telltale: " + Terminal.safe(e.getMessage()));
                return Main.BAD_INPUT;
            }
        }

        abstract void run(MarkedSessions marks, Path file, PrintWriter out) throws CaseFileException;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Opens a session window now (closing the open one).")
    static final class Start extends Marking {
        @Parameters(index = "0", paramLabel = "LABEL", description = "Its name, such as incognito.")
        String label;

        @Override
        void run(MarkedSessions marks, Path file, PrintWriter out) throws CaseFileException {
            Instant now = marks.startNow(label);
            out.println("Session '" + Terminal.safe(label) + "' started at " + now + " in " + Terminal.safe(file.toString())
                    + "; telltale session stop ends it.");
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Closes the open session window now.")
    static final class Stop extends Marking {
        @Override
        void run(MarkedSessions marks, Path file, PrintWriter out) throws CaseFileException {
            MarkedSessions.Ended ended = marks.stopNow();
            String label = ended.label();
            Instant now = ended.at();
            out.println(label == null ? "No session was open in " + Terminal.safe(file.toString()) + "."
                    : "Session '" + Terminal.safe(label) + "' ended at " + now + ".");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Lists the session windows marked in the case.")
    static final class ListCommand extends Marking {
        @Override
        void run(MarkedSessions marks, Path file, PrintWriter out) throws CaseFileException {
            for (Session s : marks.list()) {
                out.println(Terminal.safe(s.label()) + "  " + s.start() + "  "
                        + (MarkedSessions.OPEN_END.equals(s.end()) ? "(open)" : s.end().toString()));
            }
        }
    }
}
