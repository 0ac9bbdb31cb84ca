package org.telltale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.telltale.report.Terminal;
import org.telltale.report.html.ReportIndex;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.web.CaseReport;
import org.telltale.web.WebView;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code telltale ui}: the report of a case, served on this machine until Ctrl-C. */
@Command(name = "ui", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serves the case's report on 127.0.0.1 (the same page as telltale report, read from the case "
                + "as you open findings), behind a random token printed with the address.")
final class UiCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE", description = "The case file.")
    private Path caseFile;

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", description = "The port (default: a free one).")
    private int port;

    @Option(names = "--listen", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Listen on this address instead of loopback; anyone who can reach it and has the token can read the case.")
    private String listen;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!CaseFile.looksLikeCase(caseFile)) {
            err.println("telltale: " + Terminal.safe(caseFile.toString()) + ": not a case file; make one with telltale import");
            return Main.BAD_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (CaseFile c = CaseFile.open(caseFile)) {
            ReportIndex index = new ReportIndex(CaseReport.load(c, Version.VALUE));
            WebView view;
            try {
                view = WebView.start(index, listen, port);
            } catch (RuntimeException e) {
                err.println("telltale: cannot listen on " + Terminal.safe(listen) + ":" + port + ": " + Terminal.safe(String.valueOf(e.getMessage())));
                return Main.BAD_INPUT;
            }
            Thread hook = new Thread(() -> {
                view.close();
                stopped.countDown();
            }, "telltale-ui-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            if (!"127.0.0.1".equals(listen) && !"::1".equals(listen)) {
                out.println("Listening on " + Terminal.safe(listen) + ", not only on this machine: anyone who can reach it "
                        + "and has the token can read this case (port " + view.uri().getPort() + ").");
            }
            out.println("The report of " + Terminal.safe(caseFile.toString()) + " is at " + view.uri());
            out.println("Open it in a browser; Ctrl-C stops.");
            out.flush();
            stopped.await();
            return 0;
        } catch (CaseFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            return Main.BAD_INPUT;
        }
    }
}
