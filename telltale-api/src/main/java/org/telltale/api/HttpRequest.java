package org.telltale.api;

import java.util.List;

/**
 * What the device sent: everything here leaves the device.
 *
 * @param method      the HTTP method, upper case as sent
 * @param url         the absolute URL (scheme, host, path, query)
 * @param httpVersion "HTTP/1.1", "HTTP/2" and so on; null when unknown
 * @param headers     the headers in the order sent, cookies included
 * @param body        the body as it went on the wire (still content-encoded); empty when none
 */
public record HttpRequest(String method, String url, String httpVersion, List<Header> headers, byte[] body) {
    public HttpRequest {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of the named header (case-insensitive), or null. */
    public String header(String name) {
        return Headers.first(headers, name);
    }
}
