package org.telltale.apk.scan;

import java.util.Map;

import org.telltale.api.scan.AppScan;

/**
 * A scan with what {@code compare} needs beyond it: each class's method fingerprints, and which
 * classes tracker signatures matched.
 *
 * @param scan       what the scan says
 * @param prints     class name → its sorted distinct method fingerprints ({@code ClassPrints}), for classes
 *                   with enough code to tell
 * @param trackerOf  class name → tracker id, for the classes tracker signatures matched
 */
public record ScannedApp(AppScan scan, Map<String, long[]> prints, Map<String, String> trackerOf) {
}
