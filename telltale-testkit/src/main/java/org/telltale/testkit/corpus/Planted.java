package org.telltale.testkit.corpus;

import java.util.List;
import org.telltale.api.Header;

/**
 * A request carrying one canary, and where in it the canary sits.
 *
 * @param method  the HTTP method
 * @param url     the absolute URL, every query value percent-encoded
 * @param headers the request headers in order
 * @param body    the body as sent; empty when none
 * @param chain   the steps from the request down to the canary, outermost first
 * @param carrier what made the request: an SDK name or "chain"
 */
public record Planted(String method, String url, List<Header> headers, byte[] body, List<Step> chain,
                      String carrier) {
    public Planted {
        headers = List.copyOf(headers);
        chain = List.copyOf(chain);
        body = body == null ? new byte[0] : body;
    }
}
