package org.telltale.core.detect.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * The app screens the user opened. A fully qualified Android class name ending in Activity or
 * Fragment ("com.android.settings.Settings$WifiSettingsActivity") is one anywhere in a leaf
 * (HIGH). A value under a field named screen, page, activity... is one when it reads like a name
 * rather than a number, a flag or a URL (MEDIUM, HIGH when it is also an Activity or Fragment
 * class), and so is a bare class name like "MainActivity" that is a whole value (MEDIUM).
 */
public final class ScreenDetector implements Detector {
    /** Field names (normal form) that hold the screen being shown. */
    static final Set<String> FIELD_NAMES = Set.of(
            "screen", "screenname", "screenclass", "currentscreen", "previousscreen", "page", "pagename",
            "currentpage", "referrerpage", "activity", "activityname", "currentactivity", "topactivity", "view",
            "viewname", "fragment", "fragmentname", "scene", "scenename", "viewcontroller", "firebasescreen",
            "firebasescreenclass", "firebasepreviousscreen");

    /** Values of such fields that name no screen. */
    private static final Set<String> FLAG_WORDS = Set.of("true", "false", "null", "undefined", "none", "nan");

    private static final int MAX_NAME = 256;

    @Override
    public String name() {
        return "screen";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        NodeText text = NodeText.ofTextLeaf(context);
        if (text == null) {
            return List.of();
        }
        NodeText.Span whole = text.whole(MAX_NAME);
        if (whole != null && FIELD_NAMES.contains(context.fieldName()) && readsLikeName(whole.text())) {
            Confidence confidence = isComponentClass(whole.text()) ? Confidence.HIGH : Confidence.MEDIUM;
            return List.of(Found.plain(name(), whole.text(), text, whole.start(), whole.end(), confidence));
        }
        if (whole != null && isComponentClass(whole.text()) && whole.text().indexOf('.') < 0) {
            return List.of(Found.plain(name(), whole.text(), text, whole.start(), whole.end(), Confidence.MEDIUM));
        }
        return qualifiedClassNames(text);
    }

    private List<Detection> qualifiedClassNames(NodeText text) {
        List<Detection> found = new ArrayList<>();
        String s = text.text();
        if (!s.contains("Activity") && !s.contains("Fragment")) {
            return found; // every class name this looks for ends in one of them
        }
        int i = 0;
        while (i < s.length() && found.size() < Found.MAX_PER_NODE) {
            if (!isNameChar(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && isNameChar(s.charAt(i))) {
                i++;
            }
            int end = i;
            while (end > start && s.charAt(end - 1) == '.') {
                end--;
            }
            String token = s.substring(start, end);
            if (token.length() <= MAX_NAME && token.indexOf('.') > 0 && isComponentClass(token)) {
                found.add(Found.plain(name(), token, text, start, end, Confidence.HIGH));
            }
        }
        return found;
    }

    /**
     * A Java class name whose simple name ends in Activity or Fragment: dotted lower-case package
     * parts (or none), then a capitalised name, with optional $Inner parts.
     */
    static boolean isComponentClass(String s) {
        String simple = s.substring(Math.max(s.lastIndexOf('.'), s.lastIndexOf('$')) + 1);
        if (!(simple.endsWith("Activity") || simple.endsWith("Fragment")) || simple.length() <= "Activity".length()) {
            return false; // "android.app.Activity" is the framework's class, not a screen
        }
        String[] parts = s.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
                return false;
            }
            for (int j = 1; j < part.length(); j++) {
                if (!Character.isJavaIdentifierPart(part.charAt(j))) {
                    return false;
                }
            }
            boolean last = i == parts.length - 1;
            if (last != Character.isUpperCase(part.charAt(0))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A screen name: starts with a letter, holds letters, digits and a few joiners, has at least
     * two letters, and is not a flag word. A path or URL ("www.site.com/news") is a web page,
     * which the browsing-history detector judges.
     */
    static boolean readsLikeName(String s) {
        if (s.length() < 2 || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        int letters = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else if (!(Character.isDigit(c) || " ._$-".indexOf(c) >= 0)) {
                return false;
            }
        }
        String lower = s.toLowerCase(Locale.ROOT);
        return letters >= 2 && !FLAG_WORDS.contains(lower);
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                || c == '.';
    }
}
