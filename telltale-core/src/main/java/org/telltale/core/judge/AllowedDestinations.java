package org.telltale.core.judge;

import java.util.ArrayList;
import java.util.List;

import org.telltale.api.Organisations;
import org.telltale.core.Allowances;
import org.telltale.core.Sites;

/**
 * A canary that reached a destination it may go to (a visited URL to its own site, any canary to the
 * domains the user listed as expected) is expected traffic, counted and not reported as a leak. So is a
 * visited URL that reached another site of the organisation that runs its own (a page's static host on a
 * sister domain, nytimes.com to nyt.com): expected, allowed by that organisation's name. A page address the
 * browsing-history detector found going to such a first party is not history either; it has no canary to
 * be counted under, so it is dropped.
 */
public final class AllowedDestinations implements Rule {
    private final Allowances allowances;
    private final Organisations organisations;

    public AllowedDestinations(Allowances allowances) {
        this(allowances, Organisations.NONE);
    }

    /** @param organisations which organisation runs a host, to tell a site's sister domains from other companies */
    public AllowedDestinations(Allowances allowances, Organisations organisations) {
        this.allowances = allowances;
        this.organisations = organisations;
    }

    @Override
    public String name() {
        return "allowed-destinations";
    }

    @Override
    public List<Candidate> apply(List<Candidate> candidates, Verdict verdict) {
        List<Candidate> kept = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            String allowedBy = c.planted() ? allowedBy(c.detection().canary(), verdict.host()) : null;
            if (allowedBy != null) {
                verdict.expected(c.detection().canary(), allowedBy);
            } else if (!c.planted() && isFirstPartyPage(c, verdict.host())) {
                continue;
            } else {
                kept.add(c);
            }
        }
        return kept;
    }

    private String allowedBy(String canary, String host) {
        String allowed = allowances.allowedBy(canary, host);
        if (allowed != null) {
            return allowed;
        }
        String site = allowances.siteOf(canary);
        if (site == null || !Sites.sameOrganisation(site, host, organisations)) {
            return null;
        }
        String organisation = organisations.organisationOf(host);
        return organisation != null ? organisation : site;
    }

    private boolean isFirstPartyPage(Candidate c, String host) {
        return AdFramesAreNotHistory.BROWSING_HISTORY.equals(c.detection().kind())
                && Sites.sameOrganisation(Sites.hostOf(c.detection().value()), host, organisations);
    }
}
