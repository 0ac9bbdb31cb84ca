package org.telltale.core.detect;

import java.util.List;

import org.telltale.api.Location;
import org.telltale.api.Payload;
import org.telltale.api.Step;

/**
 * The name of the field a node's value was sent under, read from its path or location, in one
 * normal form: lower case, letters and digits only ("device_id", "deviceId" and "$device-id" all
 * become "deviceid"), so each detector's vocabulary is a plain set of such names.
 */
public final class FieldNames {
    private FieldNames() {
    }

    /** The normal-form field name of this node, or "" when the node has none. */
    public static String of(Payload node) {
        List<Step> path = node.path();
        // Transform steps ("base64", "gzip") carry no name: the field is the one they were found in.
        for (int i = path.size() - 1; i >= 0; i--) {
            String step = path.get(i).label();
            int colon = step == null ? -1 : step.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String kind = step.substring(0, colon);
            String rest = step.substring(colon + 1);
            if (kind.equals("json")) {
                String key = lastJsonKey(rest);
                if (key == null) {
                    continue; // an element of a top-level array: the name is further up
                }
                return normalise(key);
            }
            if (kind.equals("protobuf")) {
                return ""; // a field number names nothing a person would recognise
            }
            return normalise(rest);
        }
        return normalise(nameInLocation(node.location()));
    }

    /** The normal form of one raw name. */
    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(raw.length(), 64));
        for (int i = 0; i < raw.length() && sb.length() < 64; i++) {
            char c = raw.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                sb.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The header or cookie name of a root location, or "" for the URL and the body. */
    public static String nameInLocation(Location location) {
        return location.kind() == Location.Kind.HEADER || location.kind() == Location.Kind.COOKIE
                ? location.name() : "";
    }

    /** True when this node is a request header with the given name (any case). */
    public static boolean isHeader(Payload node, String name) {
        return node.location().isHeader(name);
    }

    /** "$.a.b[0]" -> "b", "$['x y']" -> "x y", "$[0]" -> null; "#2$.a" (a later JSON line) -> "a". */
    private static String lastJsonKey(String jsonPath) {
        int root = jsonPath.indexOf('$');
        String p = jsonPath.startsWith("#") && root > 0 ? jsonPath.substring(root) : jsonPath;
        while (p.endsWith("]")) {
            int open = p.lastIndexOf('[');
            if (open < 0) {
                return null;
            }
            String inside = p.substring(open + 1, p.length() - 1);
            if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')) {
                return inside.substring(1, inside.length() - 1);
            }
            p = p.substring(0, open);
        }
        int dot = p.lastIndexOf('.');
        String key = dot < 0 ? p : p.substring(dot + 1);
        return key.isEmpty() || key.equals("$") ? null : key;
    }
}
