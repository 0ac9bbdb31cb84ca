package org.telltale.cli;

import java.net.URI;
import java.nio.file.Path;

import org.telltale.report.html.ReportIndex;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.web.CaseReport;
import org.telltale.web.WebView;

/** A case served by the web view on 127.0.0.1 and a free port, as {@code telltale ui} serves it; the case stays open until closed. */
final class LiveCase implements AutoCloseable {
    private final CaseFile caseFile;
    private final WebView view;

    private LiveCase(CaseFile caseFile, WebView view) {
        this.caseFile = caseFile;
        this.view = view;
    }

    static LiveCase serve(Path file) throws CaseFileException {
        CaseFile c = CaseFile.open(file);
        try {
            return new LiveCase(c, WebView.start(new ReportIndex(CaseReport.load(c, "test")), "127.0.0.1", 0));
        } catch (RuntimeException | CaseFileException e) {
            c.close();
            throw e;
        }
    }

    /** The page's address, token included. */
    URI uri() {
        return view.uri();
    }

    /** Closes each that is there, the server before the case it reads. */
    static void closeAll(AutoCloseable... all) throws Exception {
        for (AutoCloseable c : all) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Override
    public void close() throws CaseFileException {
        try {
            view.close();
        } finally {
            caseFile.close();
        }
    }
}
