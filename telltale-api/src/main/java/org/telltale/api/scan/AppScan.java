package org.telltale.api.scan;

import java.util.List;

/**
 * What one app (an APK with its splits, a JAR or AAR, or an app found in a firmware image) carries:
 * who it is, who signed it, which tracking code it holds and how its own code reaches it, and which
 * servers its code is built to talk to.
 *
 * @param file        the file as given, or its path inside an image ({@code system/priv-app/Browser/Browser.apk})
 * @param sha256      the SHA-256 of the file (of the base APK for a set of splits), lower-case hex
 * @param size        its size in bytes
 * @param app         the manifest's facts; {@link AppIdentity#NONE} for a JAR/AAR or an unreadable manifest
 * @param signing     who signed it; {@link Signing#NONE} when not an APK
 * @param code        how much code was read
 * @param trackers    the tracker SDKs found in the code, most reached first
 * @param endpoints   the hosts and URLs its code and files name, distinct by URL (or host when bare)
 * @param notes       what a reader must know: limits reached, damaged entries, code moved to .vdex/.odex
 */
public record AppScan(String file, String sha256, long size, AppIdentity app, Signing signing, CodeSummary code,
                      List<TrackerHit> trackers, List<CodeEndpoint> endpoints, List<String> notes) {
    public AppScan {
        trackers = List.copyOf(trackers);
        endpoints = List.copyOf(endpoints);
        notes = List.copyOf(notes);
    }
}
