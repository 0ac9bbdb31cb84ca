package org.telltale.store;

import java.util.List;
import java.util.Map;

/**
 * One analysis run of a case.
 *
 * @param id            its row id; later runs have larger ids
 * @param toolVersion   the Telltale version that made it
 * @param canarySha256  the SHA-256 of the canary file it used, or null
 * @param inputs        the captures it read, by name, in order
 * @param startedAt     when it started (ISO-8601)
 * @param endedAt       when it ended, or null when it is running or was killed
 * @param stopped       why it stopped early, or null
 * @param exchanges     the exchanges it analysed (as of its last commit)
 * @param findings      the findings it stored (as of its last commit)
 * @param datasets      each dataset it read, by name, to its version
 * @param canaryName    the name the canary file was given under, or null
 */
public record StoredRun(long id, String toolVersion, String canarySha256, List<String> inputs, String startedAt,
                        String endedAt, String stopped, long exchanges, long findings,
                        Map<String, String> datasets, String canaryName) {
}
