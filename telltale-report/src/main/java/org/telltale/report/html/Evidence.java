package org.telltale.report.html;

import java.util.List;

import org.telltale.api.Header;

/**
 * What a reader needs to redo a finding by hand: the request as captured, then every decoding layer
 * rebuilt from the stored bytes. Made by whoever holds the exchanges (a case), shown by the report.
 *
 * @param request the request as captured; null when the exchange is not at hand
 * @param layers  the root the decoding started from, then one layer per step
 * @param problem why the layers could not be rebuilt, or null
 */
public record Evidence(Request request, List<Layer> layers, String problem) {
    public Evidence {
        layers = List.copyOf(layers);
    }

    /** Evidence that could not be rebuilt, and why. */
    public static Evidence missing(Request request, String problem) {
        return new Evidence(request, List.of(), problem);
    }

    /**
     * A request as the capture holds it.
     *
     * @param method      the HTTP method
     * @param url         the URL
     * @param httpVersion the version ("HTTP/1.1"), or null
     * @param headers     the headers in order, as sent
     * @param body        the body's bytes (after any transfer framing)
     */
    public record Request(String method, String url, String httpVersion, List<Header> headers, byte[] body) {
        public Request {
            headers = List.copyOf(headers);
        }
    }

    /**
     * One layer of the decoding.
     *
     * @param decoder the decoder that uncovered it; null for the root
     * @param label   its step's label ("form:data_list", "base64"), or the root's location ("request.body")
     * @param start   where in the previous layer's bytes it came from; -1 when the decoder does not say
     * @param end     just past that; -1 when the decoder does not say
     * @param data    its bytes
     */
    public record Layer(String decoder, String label, int start, int end, byte[] data) {
    }
}
