package org.telltale.apk.endpoints;

/**
 * An endpoint named by a string constant: a URL, or a bare host name.
 *
 * @param url  the URL as written in the constant (scheme http, https, ws or wss), or null for a bare host
 * @param host its host, lower case: a name under a public suffix, an IP address or {@code localhost}
 */
public record EndpointString(String url, String host) {
}
