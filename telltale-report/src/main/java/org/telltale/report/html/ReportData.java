package org.telltale.report.html;

import org.telltale.api.AnalysisResult;

/**
 * Everything a report shows: the analysis (its flows with findings listed), where it came from,
 * the requests on a time axis, and a way to rebuild each finding's layers.
 *
 * @param name       what the report is about (the case's file name)
 * @param provenance what it rests on
 * @param result     the analysis
 * @param timeline   every request on a time axis
 * @param evidence   rebuilds each finding's layers
 */
public record ReportData(String name, Provenance provenance, AnalysisResult result, Timeline timeline,
                         EvidenceSource evidence) {
}
