package org.telltale.report.html;

import java.util.List;
import java.util.Map;

/**
 * What a report rests on, so a reader can check it is the analysis they think: the captures by
 * digest, the tool and datasets by version, the canary file by digest, and when it all ran.
 *
 * @param toolVersion   the Telltale version that wrote the report
 * @param generatedAt   when the report was written (ISO-8601)
 * @param runStartedAt  when the analysis started, or null
 * @param runEndedAt    when it ended, or null
 * @param stopped       why it stopped early, or null
 * @param canaryName    the canary file's name, or null when none was used
 * @param canarySha256  its SHA-256, or null
 * @param datasets      each dataset, by name, to its version
 * @param captures      the captures read
 */
public record Provenance(String toolVersion, String generatedAt, String runStartedAt, String runEndedAt, String stopped,
                         String canaryName, String canarySha256, Map<String, String> datasets, List<Capture> captures) {
    public Provenance {
        datasets = Map.copyOf(datasets);
        captures = List.copyOf(captures);
    }

    /**
     * One capture.
     *
     * @param name      its file name when imported
     * @param sha256    the SHA-256 of its bytes
     * @param size      its size in bytes
     * @param format    the reader that read it
     * @param importedAt when it was imported, or null
     * @param exchanges the exchanges read from it
     * @param firstTime the time of its first request, or null
     * @param lastTime  the time of its last request, or null
     * @param error     where and why reading stopped early, or null
     */
    public record Capture(String name, String sha256, long size, String format, String importedAt, long exchanges,
                          String firstTime, String lastTime, String error) {
    }
}
