package org.telltale.core.detect.builtin;

import java.util.List;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.Payload;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * What the user searched for. A search engine's result-page address sent to someone else (in a
 * sent value or the Referer header) gives the search text (HIGH). A value under a field named
 * search, query, keyword... that reads like words is one too (MEDIUM). A request to the engine
 * itself carrying its own search is the search, not a leak, and is not reported. Placeholders and
 * templates where a search would go ("qstring", "{searchTerms}", "AAA") are not searches.
 */
public final class SearchDetector implements Detector {
    /** Field names (normal form) that hold text the user typed into a search box. */
    static final Set<String> FIELD_NAMES = Set.of(
            "search", "query", "keyword", "searchterm", "searchterms", "searchquery", "searchtext", "searchstring",
            "searchkeyword", "kw", "searchword", "userquery");

    private static final int MAX_TEXT = 200;

    @Override
    public String name() {
        return "search";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        Payload node = context.node();
        boolean leaf = context.leaf();
        String destination = context.destinationHost();
        NodeText text = NodeText.of(context);
        UrlValue url = UrlValue.in(node, leaf, text);
        if (url != null) {
            SearchEngines.Engine engine = SearchEngines.of(url.url());
            if (engine == null || engine.owns(destination)) {
                return List.of();
            }
            String query = engine.searchText(url.url());
            return List.of(Found.of(name(), query, text, url.start(), url.end(), url.transform(), Confidence.HIGH));
        }
        if (!leaf || !FIELD_NAMES.contains(context.fieldName()) || SearchEngines.isEngine(destination)) {
            return List.of();
        }
        NodeText.Span whole = text.whole(MAX_TEXT);
        if (whole == null) {
            return List.of();
        }
        String words = text.utf8(whole.start(), whole.end());
        if (!readsLikeWords(words) || SearchPlaceholders.isPlaceholder(words)) {
            return List.of();
        }
        return List.of(Found.plain(name(), words, text, whole.start(), whole.end(), Confidence.MEDIUM));
    }

    /**
     * Typed text: one line with a letter in it, no code (braces, brackets: a GraphQL "query" field),
     * and not a URL.
     */
    static boolean readsLikeWords(String s) {
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || "{}[]<>;=\\".indexOf(c) >= 0) {
                return false;
            }
            letter |= Character.isLetter(c);
        }
        return letter && !s.contains("://") && !s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")
                && !s.equalsIgnoreCase("null") && !s.equalsIgnoreCase("undefined");
    }
}
