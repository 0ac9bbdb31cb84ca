package org.telltale.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line. Wiring only: each subcommand is its own class. {@link #execute} returns the
 * exit code (0 done, 1 findings with --fail-on-findings, 2 bad input or usage, 3 out of memory, 4 an
 * internal error; a run ended by a signal exits as the JVM does, 130 for Ctrl-C, 143 for a kill) so
 * tests call it.
 */
@Command(name = "telltale", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Shows what a phone, an app or a browser sends about its user, and to whom.",
        subcommands = {AnalyzeCommand.class, ImportCommand.class, ExportCommand.class, CaseCommand.class,
            ReportCommand.class, UiCommand.class, RecordCommand.class, SessionCommand.class, CaCommand.class, LookupCommand.class, DataCommand.class,
            BatchCommand.class, ScanCommand.class, CompareCommand.class})
public final class Main {
    /** Exit code for bad input or usage. */
    static final int BAD_INPUT = 2;
    /** Exit code when the analysis ran out of memory; what was found before is written. */
    static final int OUT_OF_MEMORY = 3;
    /** Exit code when a bug of ours stopped the analysis; what was found before is written. */
    static final int INTERNAL_ERROR = 4;
    /** Exit code when a signal stopped the analysis (the JVM's own, 128 + SIGINT, when the signal ends it first). */
    static final int INTERRUPTED = 130;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line with the process's standard output and error. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    /** Runs a command line with the given outputs. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A bug of ours must still not spill a stack trace over the user's terminal; say what it was.
            commandLine.getErr().println("telltale: internal error: " + e);
            commandLine.getErr().flush();
            return INTERNAL_ERROR;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
