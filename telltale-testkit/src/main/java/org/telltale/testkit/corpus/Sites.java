package org.telltale.testkit.corpus;

import java.util.List;
import java.util.Random;

/** The hosts the corpus talks to: search engines, sites a user visits, and third-party collectors. */
final class Sites {
    /** Search engines by registrable domain, with the URL a search goes to (the query appended). */
    static final List<String[]> ENGINES = List.of(
            new String[] {"duckduckgo.com", "https://duckduckgo.com/?ia=web&q="},
            new String[] {"bing.com", "https://www.bing.com/search?form=QBLH&q="},
            new String[] {"startpage.com", "https://www.startpage.com/do/search?cat=web&q="},
            new String[] {"ecosia.org", "https://www.ecosia.org/search?method=index&q="},
            new String[] {"brave.com", "https://search.brave.com/search?source=web&q="});

    /** Third parties that get random encoding chains: made-up names, none a real company. */
    static final List<String> COLLECTORS = List.of(
            "t.pixelharbor-metrics.com", "collect.beaconry.io", "api.telemetrix-hub.net", "log.appstatix.cn",
            "sdk.adquokka.com", "events.trackwell-analytics.com", "in.datadrift-cdn.net");

    private static final List<String> WORDS = List.of(
            "quiet", "harbor", "maple", "clinic", "river", "forum", "lantern", "orchid", "summit", "meadow",
            "copper", "willow", "beacon", "garden", "atlas", "cedar", "falcon", "harvest", "island", "juniper");
    private static final List<String> TLDS = List.of("org", "com", "net", "info");

    private Sites() {
    }

    /** A made-up registrable domain such as "quiet-harbor.org". */
    static String siteDomain(Random r) {
        return pick(r, WORDS) + "-" + pick(r, WORDS) + "." + pick(r, TLDS);
    }

    /** The search URL for a search canary on its engine, spaces as '+' as browsers send them. */
    static String searchUrl(String engine, String query) {
        for (String[] e : ENGINES) {
            if (e[0].equals(engine)) {
                return e[1] + Codecs.form(query);
            }
        }
        throw new IllegalArgumentException("unknown engine " + engine);
    }

    /** The host part of an absolute URL. */
    static String host(String url) {
        return java.net.URI.create(url).getHost();
    }

    /** The scheme and host of an absolute URL: "https://www.bing.com". */
    static String origin(String url) {
        java.net.URI u = java.net.URI.create(url);
        return u.getScheme() + "://" + u.getHost();
    }

    static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }
}
