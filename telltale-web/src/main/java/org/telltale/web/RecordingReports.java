package org.telltale.web;

import org.telltale.report.html.ReportData;
import org.telltale.report.html.ReportIndex;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;

/**
 * The report of a case while {@code telltale record} writes into it: rebuilt from the case's newest
 * run when another connection has committed since the last build, at most once per interval, so a
 * busy recording does not make every page view replay the whole run.
 */
public final class RecordingReports implements ReportSource {
    private final CaseFile reading;
    private final String toolVersion;
    private final long intervalMillis;
    private Snapshot snapshot;
    private long builtFrom = Long.MIN_VALUE;
    private long builtAt;
    private long version;

    /**
     * @param reading        a connection of its own to the case, used by this view only
     * @param intervalMillis the least time between two rebuilds
     */
    public RecordingReports(CaseFile reading, String toolVersion, long intervalMillis) {
        this.reading = reading;
        this.toolVersion = toolVersion;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public Snapshot current() {
        synchronized (reading) {
            try {
                long changes = reading.changes();
                long now = System.nanoTime();
                boolean due = snapshot == null || (changes != builtFrom && now - builtAt >= intervalMillis * 1_000_000L);
                if (due) {
                    ReportData data = CaseReport.loadNewest(reading, toolVersion);
                    if (data != null) {
                        snapshot = new Snapshot(new ReportIndex(data), ++version);
                        builtFrom = changes;
                        builtAt = now;
                    }
                }
            } catch (CaseFileException e) {
                if (snapshot == null) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                // the last good state is still served; the next request tries again
            }
            if (snapshot == null) {
                throw new IllegalStateException(reading.file() + ": the recording has not begun its analysis yet");
            }
            return snapshot;
        }
    }
}
