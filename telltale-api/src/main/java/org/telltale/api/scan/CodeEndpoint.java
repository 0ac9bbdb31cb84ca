package org.telltale.api.scan;

import org.telltale.api.Attribution;

/**
 * A server an app's code or files name: a URL or a bare host in a string constant.
 *
 * @param host        the host name, lower case
 * @param url         the whole URL, or null for a bare host name
 * @param where       where it was read: a class ({@code com.sensorsdata.analytics.android.sdk.SensorsDataAPI}),
 *                    a native library ({@code lib/arm64-v8a/libx.so}) or {@code resources.arsc}
 * @param tracker     the id of the tracker it belongs to (by its class or by a network signature), or null
 * @param attribution who is behind the host and where, from the bundled datasets
 */
public record CodeEndpoint(String host, String url, String where, String tracker, Attribution attribution) {
    public CodeEndpoint {
        attribution = attribution == null ? Attribution.NONE : attribution;
    }
}
