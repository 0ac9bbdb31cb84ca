package org.telltale.api;

/**
 * A canary that went where it was allowed to go (its own site, or a domain in {@code expected}):
 * counted, not reported as a leak.
 *
 * @param flow      the flow index
 * @param flowId    the flow's stable id
 * @param canary    the canary id
 * @param host      the host it went to
 * @param allowedBy the registrable domain that allowed it
 */
public record ExpectedMatch(int flow, String flowId, String canary, String host, String allowedBy) {
}
