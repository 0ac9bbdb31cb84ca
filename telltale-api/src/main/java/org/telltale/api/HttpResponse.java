package org.telltale.api;

import java.util.List;

/**
 * What the server answered. Never a source of findings: it did not leave the device.
 *
 * @param status  the status code; 0 when the response is missing or unreadable
 * @param headers the headers in the order received
 * @param body    the body as it came on the wire (still content-encoded); empty when none
 */
public record HttpResponse(int status, List<Header> headers, byte[] body) {
    public HttpResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of the named header (case-insensitive), or null. */
    public String header(String name) {
        return Headers.first(headers, name);
    }
}
