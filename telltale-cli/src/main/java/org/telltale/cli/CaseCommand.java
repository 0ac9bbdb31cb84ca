package org.telltale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.telltale.report.Terminal;
import org.telltale.store.CanarySets.StoredCanaries;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.store.RunQueries;
import org.telltale.store.StoredCapture;
import org.telltale.store.StoredRun;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code telltale case}: what a case holds, and dropping its older runs. */
@Command(name = "case", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Looks after a case file.", subcommands = {CaseCommand.Info.class, CaseCommand.Prune.class})
final class CaseCommand {
    private CaseCommand() {
    }

    /** Something done with one open case; its problems become one line and exit code 2. */
    abstract static class OnCase implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CASE", description = "The case file.")
        Path file;

        @Override
        public Integer call() {
            try (CaseFile c = CaseFile.open(file)) {
                run(c, spec.commandLine().getOut());
                return 0;
            } catch (CaseFileException e) {
                spec.commandLine().getErr().println("telltale: " + Terminal.safe(e.getMessage()));
            }
            return Main.BAD_INPUT;
        }

        abstract void run(CaseFile c, PrintWriter out) throws CaseFileException;
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Summarises a case: captures, exchanges, "
            + "runs, and the latest run's findings by kind and organisation.")
    static final class Info extends OnCase {
        @Override
        void run(CaseFile c, PrintWriter out) throws CaseFileException {
            List<StoredCapture> captures = c.captures().list();
            out.println(Terminal.safe(c.file().toString()) + " (case schema " + c.schemaVersion() + ")");
            out.println("captures: " + captures.size() + ", exchanges: "
                    + captures.stream().mapToLong(StoredCapture::exchanges).sum());
            for (StoredCapture k : captures) {
                out.println("  " + Terminal.safe(k.name()) + "  " + k.format() + "  " + k.size() + " bytes  "
                        + k.exchanges() + " exchanges  sha256 " + k.sha256().substring(0, 12)
                        + (k.complete() ? "" : k.recording() ? "  (recording did not stop cleanly; what it committed is kept)"
                        : "  (import did not finish; import it again)")
                        + (k.error() == null ? "" : "  (read up to " + Terminal.safe(k.errorPlace()) + ": "
                        + Terminal.safe(k.error()) + ")")
                        + (k.tlsSecretsKept() ? "  (holds TLS secrets)" : ""));
            }
            StoredCanaries canaries = c.canarySets().current();
            out.println("canaries: " + (canaries == null ? "none" : Terminal.safe(canaries.name()) + " (sha256 "
                    + canaries.sha256().substring(0, 12) + ")"));
            List<StoredRun> runs = c.runs().list();
            StoredRun latest = c.runs().latest();
            out.println("runs: " + runs.size() + (latest == null ? "; none finished (telltale analyze " + c.file() + ")"
                    : "; latest #" + latest.id() + " ended " + latest.endedAt() + ", telltale " + latest.toolVersion()
                    + ", " + latest.exchanges() + " exchanges, " + latest.findings() + " findings"
                    + (latest.stopped() == null ? "" : ", stopped early: " + latest.stopped())));
            if (latest != null) {
                RunQueries q = c.runs().queries(latest);
                counts(out, "findings by kind", q.count(RunQueries.By.KIND));
                counts(out, "findings by organisation", q.count(RunQueries.By.ORGANIZATION));
            }
        }

        private static void counts(PrintWriter out, String title, Map<String, Long> counts) {
            out.println(title + ":");
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                out.println("  " + (e.getKey() == null ? "(unknown)" : Terminal.safe(e.getKey())) + "  " + e.getValue());
            }
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Deletes all analysis runs but the latest ones.")
    static final class Prune extends OnCase {
        @Option(names = "--keep", defaultValue = "1", paramLabel = "N", description = "Runs to keep (default: ${DEFAULT-VALUE}).")
        int keep;

        @Override
        public Integer call() {
            if (keep < 1) {
                spec.commandLine().getErr().println("telltale: --keep must be 1 or more");
                return Main.BAD_INPUT;
            }
            return super.call();
        }

        @Override
        void run(CaseFile c, PrintWriter out) throws CaseFileException {
            out.println(c.runs().prune(keep) + " runs deleted");
        }
    }
}
