package org.telltale.core.detect.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.FieldNames;
import org.telltale.core.detect.NodeText;

/**
 * What a phone's User-Agent says of it: the device model and the OS version in the first
 * parenthesised comment, as Android's WebView, Dalvik and OkHttp-based apps and iOS frameworks write
 * it ("Dalvik/2.1.0 (Linux; U; Android 10; Mi 9T Build/QKQ1.190825.002)" gives the model "Mi 9T" and
 * "Android 10"), and the locale some of them add ("fr-fr"). Read in the User-Agent header and in
 * values sent under a user-agent field name. Desktop browsers' comments (Windows, Macintosh, X11) are
 * left alone: every page a browser opens receives them, and they name no device.
 */
public final class UserAgentDetector implements Detector {
    /** Field names (normal form) under which a User-Agent string is sent inside a payload. */
    static final Set<String> FIELD_NAMES = Set.of("useragent", "ua", "httpuseragent", "deviceuseragent", "webviewua");
    /** Comment parts that are not the model: platform words, security levels, Chrome's reduced "K". */
    private static final Set<String> NOT_A_MODEL = Set.of("linux", "u", "i", "n", "k", "wv", "mobile", "tablet");
    private static final int MAX_COMMENT = 512;

    @Override
    public String name() {
        return "user_agent";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        boolean header = context.node().path().isEmpty() && FieldNames.isHeader(context.node(), "User-Agent");
        if (!header && !(context.leaf() && FIELD_NAMES.contains(context.fieldName()))) {
            return List.of();
        }
        NodeText text = NodeText.of(context);
        String s = text.text();
        int open = s.indexOf('(');
        int close = open < 0 ? -1 : s.indexOf(')', open);
        if (close < 0 || close - open > MAX_COMMENT) {
            return List.of();
        }
        List<Detection> found = new ArrayList<>();
        List<int[]> parts = parts(s, open + 1, close);
        boolean android = false;
        boolean apple = false;
        for (int[] p : parts) {
            String part = s.substring(p[0], p[1]);
            String lower = part.toLowerCase(Locale.ROOT);
            if (lower.startsWith("android ") && ProfileValues.isVersion(part.substring(8).strip())) {
                android = true;
                found.add(Found.plain("os_version", part, text, p[0], p[1], Confidence.HIGH));
            } else if (lower.equals("iphone") || lower.equals("ipad") || lower.equals("ipod touch")) {
                apple = true;
                found.add(Found.plain("device_model", part, text, p[0], p[1], Confidence.HIGH));
            } else if (appleVersion(lower) != null) {
                found.add(Found.plain("os_version", "iOS " + appleVersion(lower), text, p[0], p[1], Confidence.HIGH));
            }
        }
        if (android) {
            androidModel(s, parts, text, found);
        }
        if (android || apple) {
            for (int[] p : parts) {
                String part = s.substring(p[0], p[1]);
                if (part.indexOf('-') > 0 || part.indexOf('_') > 0) {
                    if (ProfileValues.isLocale(part)) {
                        found.add(Found.plain("language", part, text, p[0], p[1], Confidence.MEDIUM));
                    }
                }
            }
        }
        return found;
    }

    /** The model: the part after "Android x" that is no locale or platform word, cut before " Build/". */
    private static void androidModel(String s, List<int[]> parts, NodeText text, List<Detection> found) {
        boolean afterOs = false;
        for (int[] p : parts) {
            String part = s.substring(p[0], p[1]);
            String lower = part.toLowerCase(Locale.ROOT);
            if (lower.startsWith("android ")) {
                afterOs = true;
                continue;
            }
            if (!afterOs || NOT_A_MODEL.contains(lower) || ProfileValues.isLocale(part)) {
                continue;
            }
            int cut = buildMarker(part);
            String model = (cut >= 0 ? part.substring(0, cut) : part).strip();
            if (ProfileValues.isModel(model, model.toLowerCase(Locale.ROOT)) && !NOT_A_MODEL.contains(model.toLowerCase(Locale.ROOT))) {
                Confidence c = cut >= 0 ? Confidence.HIGH : Confidence.MEDIUM;
                found.add(Found.plain("device_model", model, text, p[0], p[0] + model.length(), c));
            }
            return;
        }
    }

    /** Where " Build/" or a ROM's own marker (" MIUI/") starts in a comment part, or -1. */
    private static int buildMarker(String part) {
        int build = part.indexOf(" Build/");
        if (build >= 0) {
            return build;
        }
        int slash = part.indexOf('/');
        int space = slash < 0 ? -1 : part.lastIndexOf(' ', slash);
        return space > 0 ? space : -1;
    }

    /** "14.2" from "CPU iPhone OS 14_2 like Mac OS X", "CPU OS 10_2 like Mac OS X" or "iOS 10.2"; else null. */
    static String appleVersion(String lower) {
        String v = null;
        if (lower.startsWith("cpu iphone os ") || lower.startsWith("cpu os ")) {
            String rest = lower.substring(lower.indexOf(" os ") + 4);
            int space = rest.indexOf(' ');
            v = space < 0 ? rest : rest.substring(0, space);
        } else if (lower.startsWith("ios ")) {
            v = lower.substring(4).strip();
        }
        return v != null && ProfileValues.isVersion(v) ? v.replace('_', '.') : null;
    }

    /** The [start, end) of each ';'-separated part of the comment, without surrounding spaces. */
    private static List<int[]> parts(String s, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == ';') {
                int a = start;
                int b = i;
                while (a < b && s.charAt(a) == ' ') {
                    a++;
                }
                while (b > a && s.charAt(b - 1) == ' ') {
                    b--;
                }
                if (b > a) {
                    out.add(new int[] {a, b});
                }
                start = i + 1;
            }
        }
        return out;
    }
}
