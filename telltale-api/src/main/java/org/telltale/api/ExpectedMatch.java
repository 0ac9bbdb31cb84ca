package org.telltale.api;

/**
 * A canary that went where it was allowed to go (its own site, a domain in {@code expected}, or for a
 * visited URL another site of the organisation that runs its own): counted, not reported as a leak.
 *
 * @param flow      the flow index
 * @param flowId    the flow's stable id
 * @param canary    the canary id
 * @param host      the host it went to
 * @param allowedBy the registrable domain that allowed it, or the name of the organisation that runs both the
 *                  visited URL's site and the host (a first party on a sister domain: nytimes.com to nyt.com)
 */
public record ExpectedMatch(int flow, String flowId, String canary, String host, String allowedBy) {
}
