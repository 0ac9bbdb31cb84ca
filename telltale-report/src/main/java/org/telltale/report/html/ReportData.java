package org.telltale.report.html;

import java.util.List;

import org.telltale.api.AnalysisResult;
import org.telltale.api.scan.ScanSummary;

/**
 * Everything a report shows: the analysis (its flows with findings listed), where it came from,
 * the requests on a time axis, and a way to rebuild each finding's layers.
 *
 * @param name       what the report is about (the case's file name)
 * @param provenance what it rests on
 * @param result     the analysis
 * @param timeline   every request on a time axis
 * @param evidence   rebuilds each finding's layers
 * @param scans      the apps scanned into the case (telltale scan --case), told next to the traffic
 */
public record ReportData(String name, Provenance provenance, AnalysisResult result, Timeline timeline,
                         EvidenceSource evidence, List<ScanSummary> scans) {
    public ReportData {
        scans = List.copyOf(scans);
    }

    /** A report of traffic alone, with no app scanned. */
    public ReportData(String name, Provenance provenance, AnalysisResult result, Timeline timeline,
                      EvidenceSource evidence) {
        this(name, provenance, result, timeline, evidence, List.of());
    }
}
