package org.telltale.core.detect.builtin;

import java.util.Locale;

import org.telltale.api.Location;
import org.telltale.api.Payload;
import org.telltale.core.detect.NodeText;
import org.telltale.core.detect.FieldNames;

/**
 * A node whose whole value is one web address sent inside the request (a query or form value, a
 * JSON string, a cookie, the Referer header), as browsing-history and search detectors read it.
 * The request's own URL and the other headers are not such values.
 *
 * @param url       the address, parsed
 * @param text      the address as a person reads it (percent-decoded when it was sent encoded)
 * @param transform "plain", or "url-encoded" when the whole address was percent-encoded once more
 * @param start     the offset of the address in the node
 * @param end       the offset just past it
 */
record UrlValue(WebUrl url, String text, String transform, int start, int end) {

    /**
     * The address that is this node's whole value, or null. An address percent-encoded once more is
     * read only in a leaf: where a decoder peels it, its child carries the address in plain.
     */
    static UrlValue in(Payload node, boolean leaf, NodeText nodeText) {
        if (!startsLikeHttp(nodeText) || !carriesSentValue(node)) {
            return null;
        }
        NodeText.Span whole = nodeText.whole(WebUrl.MAX_LENGTH);
        if (whole == null) {
            return null;
        }
        String raw = nodeText.utf8(whole.start(), whole.end());
        String lower = raw.length() > 16 ? raw.substring(0, 16).toLowerCase(Locale.ROOT) : raw.toLowerCase(Locale.ROOT);
        String transform = "plain";
        String text = raw;
        if (lower.startsWith("http%3a%2f%2f") || lower.startsWith("https%3a%2f%2f")) {
            if (!leaf) {
                return null;
            }
            text = WebUrl.percentDecode(raw, false);
            transform = "url-encoded";
        }
        WebUrl url = WebUrl.parse(text);
        return url == null ? null : new UrlValue(url, text, transform, whole.start(), whole.end());
    }

    /**
     * Whether the first byte after leading white space is an 'h': every address read here starts
     * with "http", plain or percent-encoded, so most nodes are turned away before any copying.
     */
    private static boolean startsLikeHttp(NodeText nodeText) {
        String text = nodeText.text();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == 'h' || c == 'H';
            }
        }
        return false;
    }

    /**
     * The request URL is where the data went, not data sent; of whole headers only Referer carries a
     * page (the values inside a header, such as the cookies in Cookie, are sent values).
     */
    private static boolean carriesSentValue(Payload node) {
        Location.Kind kind = node.location().kind();
        if (kind == Location.Kind.URL && node.path().isEmpty()) {
            return false;
        }
        if (node.path().isEmpty() && kind == Location.Kind.HEADER) {
            return FieldNames.isHeader(node, "Referer") || FieldNames.isHeader(node, "Referrer");
        }
        return true;
    }
}
