package org.telltale.core.detect.builtin;

import java.util.List;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.Payload;
import org.telltale.core.Sites;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * The address of a page the user was on, sent to another site: a whole http(s) URL in a sent
 * value (query, form or JSON value, cookie, the Referer header) whose registrable domain differs
 * from the destination's. HIGH under a field name that says "page address", MEDIUM otherwise.
 * Addresses of scripts, styles, images and fonts are not pages a person visited and are skipped, and
 * so are addresses under redirect field names: where a browser is sent next (a cookie-sync pixel,
 * an ad's landing page) is not where it was.
 */
public final class BrowsingHistoryDetector implements Detector {
    /** Field names (normal form) that hold the address of the page being viewed or the one before. */
    static final Set<String> FIELD_NAMES = Set.of(
            "url", "u", "dl", "dr", "pageurl", "pageuri", "purl", "ref", "referrer", "referer", "rf", "rurl",
            "refurl", "referrerurl", "refererurl", "currenturl", "href", "location", "loc", "documentlocation",
            "documenturl", "toploc", "topurl", "siteurl", "canonicalurl", "iframeloc", "landingpage", "pagelocation",
            "pagereferrer", "previousurl", "sourceurl", "lasturl", "weburl");

    /** Extensions of resources a page loads rather than pages a person opens. */
    static final Set<String> RESOURCE_EXTENSIONS = Set.of(
            "js", "mjs", "css", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "woff", "woff2",
            "ttf", "otf", "eot", "map", "mp4", "webm", "mp3", "m4a", "wav", "json");

    /**
     * Field names (normal form) that hold where to go next. "r" is one: in cookie-sync pixels it is the
     * redirect; a referrer sent under a bare "r" is lost, the price of not crying wolf.
     */
    static final Set<String> REDIRECT_NAMES = Set.of(
            "r", "redirect", "redirecturl", "redirecturi", "redir", "credir", "return", "returnurl", "returnto",
            "next", "nexturl", "forward", "continue", "goto", "dest", "desturl", "target", "callback",
            "callbackurl", "successurl", "failureurl", "cancelurl", "clickurl", "clicktag", "click", "landingurl");

    @Override
    public String name() {
        return "browsing_history";
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        Payload node = context.node();
        boolean leaf = context.leaf();
        String destination = context.destinationHost();
        NodeText text = NodeText.of(context);
        UrlValue found = UrlValue.in(node, leaf, text);
        if (found == null || Sites.sameSite(found.url().host(), destination)
                || RESOURCE_EXTENSIONS.contains(found.url().extension())) {
            return List.of();
        }
        String field = context.fieldName();
        if (REDIRECT_NAMES.contains(field)) {
            return List.of();
        }
        Confidence confidence = FIELD_NAMES.contains(field) ? Confidence.HIGH : Confidence.MEDIUM;
        return List.of(Found.of(name(), found.text(), text, found.start(), found.end(), found.transform(), confidence));
    }
}
