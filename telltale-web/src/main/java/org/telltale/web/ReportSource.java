package org.telltale.web;

import org.telltale.report.html.ReportIndex;

/** What the web view serves: one fixed report, or the newest state of a case being recorded. */
@FunctionalInterface
public interface ReportSource {
    /**
     * The report as it stands.
     *
     * @param index     what the page and the API serve
     * @param recording the version of a case being recorded that the index was built from; null when
     *                  the report does not change
     */
    record Snapshot(ReportIndex index, Long recording) {
    }

    /** The report as it stands now. */
    Snapshot current();

    /** A report that does not change (telltale ui). */
    static ReportSource of(ReportIndex index) {
        Snapshot fixed = new Snapshot(index, null);
        return () -> fixed;
    }
}
