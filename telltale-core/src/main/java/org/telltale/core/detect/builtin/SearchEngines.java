package org.telltale.core.detect.builtin;

import java.util.List;
import java.util.Set;
import org.telltale.core.Sites;

/** The web search engines whose result-page addresses reveal what a person searched for. */
final class SearchEngines {

    /**
     * One engine's result page.
     *
     * @param site   the registrable domain, or its first label when the engine has one per country
     *               ("google" for google.com, google.se, google.co.uk)
     * @param hostPrefix a prefix the host must have ("search." for search.yahoo.com), or ""
     * @param paths  the result-page paths
     * @param params the query parameters that hold the search text, tried in order
     */
    record Engine(String site, String hostPrefix, Set<String> paths, List<String> params) {
        /** True when this host is one of this engine's. */
        boolean owns(String host) {
            String registrable = Sites.registrableDomain(host);
            if (registrable == null) {
                return false;
            }
            if (site.contains(".")) {
                return registrable.equals(site);
            }
            int dot = registrable.indexOf('.');
            return dot > 0 && registrable.substring(0, dot).equals(site);
        }

        /** The search text in this address, or null when it is not this engine's result page. */
        String searchText(WebUrl url) {
            if (!owns(url.host()) || !url.host().startsWith(hostPrefix) && !url.host().contains("." + hostPrefix)) {
                return null;
            }
            String path = url.path().isEmpty() ? "/" : url.path();
            if (!paths.contains(path)) {
                return null;
            }
            for (String param : params) {
                for (String value : url.param(param)) {
                    String text = value.strip();
                    if (!SearchPlaceholders.isPlaceholder(text)) {
                        return text;
                    }
                }
            }
            return null;
        }
    }

    private static final List<Engine> ENGINES = List.of(
            new Engine("google", "", Set.of("/search", "/webhp", "/"), List.of("q")),
            new Engine("bing.com", "", Set.of("/search"), List.of("q")),
            new Engine("duckduckgo.com", "", Set.of("/", "/html", "/html/", "/lite", "/lite/"), List.of("q")),
            new Engine("baidu.com", "", Set.of("/s"), List.of("wd", "word")),
            new Engine("yandex", "", Set.of("/search", "/search/", "/yandsearch"), List.of("text")),
            new Engine("yahoo", "search.", Set.of("/search", "/search/"), List.of("p")),
            new Engine("sogou.com", "", Set.of("/web", "/sogou"), List.of("query")),
            new Engine("ecosia.org", "", Set.of("/search"), List.of("q")),
            new Engine("startpage.com", "", Set.of("/sp/search", "/do/search", "/search"), List.of("query", "q")),
            new Engine("brave.com", "search.", Set.of("/search"), List.of("q")),
            new Engine("naver.com", "search.", Set.of("/search.naver"), List.of("query")),
            new Engine("qwant.com", "", Set.of("/"), List.of("q")),
            new Engine("seznam.cz", "search.", Set.of("/"), List.of("q")),
            new Engine("ask.com", "", Set.of("/web"), List.of("q")),
            new Engine("so.com", "", Set.of("/s"), List.of("q")));

    private SearchEngines() {
    }

    /** The engine whose result page this address is, or null. */
    static Engine of(WebUrl url) {
        for (Engine engine : ENGINES) {
            if (engine.searchText(url) != null) {
                return engine;
            }
        }
        return null;
    }

    /** True when the host belongs to any known engine. */
    static boolean isEngine(String host) {
        for (Engine engine : ENGINES) {
            if (engine.owns(host)) {
                return true;
            }
        }
        return false;
    }
}
