package org.telltale.core.detect.builtin;

import java.util.Locale;
import java.util.Set;

/**
 * Texts that stand where a search would go but are none: an ad or page template's placeholder
 * ("query=qstring" in a real nytimes.com ad call), an OpenSearch template ("{searchTerms}"), a
 * letter typed over and over by a tester ("AAA"). A search engine's own result page with such a
 * text is not a search either.
 */
final class SearchPlaceholders {
    /** Placeholder words (lower case, letters and digits only) that templates and forms put in a query. */
    private static final Set<String> WORDS = Set.of(
            "qstring", "querystring", "query", "queries", "search", "searchterm", "searchterms", "searchquery",
            "searchstring", "searchtext", "keyword", "keywords", "kw", "term", "terms", "string", "text", "test",
            "placeholder", "value", "q", "insertquery", "yourquery", "yoursearch", "yoursearchterm",
            "entersearchterm", "enteryoursearch", "typehere", "searchhere", "example", "sample", "default");

    private SearchPlaceholders() {
    }

    /** Whether the text is a placeholder, a template or one character repeated, rather than typed words. */
    static boolean isPlaceholder(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return true;
        }
        if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0 || s.contains("%s") || s.contains("${") || s.contains("__")
                || s.startsWith("[") && s.endsWith("]") || s.startsWith("<") && s.endsWith(">")
                || s.startsWith("%") && s.endsWith("%") && s.length() > 2) {
            return true;
        }
        if (s.length() >= 2 && s.chars().allMatch(c -> Character.toLowerCase(c) == Character.toLowerCase(s.charAt(0)))) {
            return true; // "AAA", "xxxx", "...."
        }
        StringBuilder normal = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if (Character.isLetterOrDigit(c)) {
                normal.append(c);
            }
        }
        return WORDS.contains(normal.toString().toLowerCase(Locale.ROOT));
    }
}
