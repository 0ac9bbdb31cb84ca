package org.telltale.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

import org.telltale.report.html.HtmlPage;
import org.telltale.report.html.ReportData;
import org.telltale.report.html.ReportIndex;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.web.CaseReport;

/** A case's latest run written as the self-contained HTML report, for {@code report} and {@code analyze --format html}. */
final class HtmlReports {
    private HtmlReports() {
    }

    /**
     * @param name what the report is about, or null for the case's file name
     */
    static void write(Path caseFile, String name, Writer out) throws CaseFileException, IOException {
        try (CaseFile c = CaseFile.open(caseFile)) {
            ReportData data = CaseReport.load(c, Version.VALUE);
            if (name != null) {
                data = new ReportData(name, data.provenance(), data.result(), data.timeline(), data.evidence(), data.scans());
            }
            HtmlPage.write(new ReportIndex(data), out);
        }
    }
}
