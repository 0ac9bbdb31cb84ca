package org.telltale.core.detect.builtin;

import java.util.List;
import java.util.Set;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.Location;
import org.telltale.api.Payload;
import org.telltale.core.Sites;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * The address of a page the user was on, sent to another site: a whole http(s) URL in a sent
 * value (query, form or JSON value, cookie, the Referer header) whose registrable domain differs
 * from the destination's. HIGH under a field name that says "page address", MEDIUM otherwise.
 * Addresses of scripts, styles, images, fonts, media and other files are not pages a person visited
 * and are skipped, and so are documents in an ads folder, and addresses under redirect, landing-page and setting field names: where a
 * browser is sent next (a cookie-sync pixel, an ad's landing page) is not where it was, nor is where an
 * API lives. Under a name that says nothing, an address in a cookie, one tagged with an ad campaign's
 * parameters and one carrying another address (a beacon chain) are not reported either.
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
            "ttf", "otf", "eot", "map", "mp4", "webm", "mp3", "m4a", "wav", "json", "swf", "flv", "xml", "txt", "wasm",
            "m3u8", "mpd", "m4s", "ts", "vtt", "zip", "gz", "apk", "exe", "dmg", "msi", "cur", "tif", "tiff", "heic",
            "webmanifest", "appcache");

    /**
     * Field names (normal form) that hold where to go next. "r" is one: in cookie-sync pixels it is the
     * redirect; a referrer sent under a bare "r" is lost, the price of not crying wolf.
     */
    static final Set<String> REDIRECT_NAMES = Set.of(
            "r", "redirect", "redirecturl", "redirecturi", "redir", "credir", "return", "returnurl", "returnto",
            "next", "nexturl", "forward", "continue", "goto", "dest", "desturl", "target", "callback",
            "callbackurl", "successurl", "failureurl", "cancelurl", "clickurl", "clicktag", "click", "landingurl",
            "lu", "lurl", "adurl", "adlandingurl", "clickthrough", "clickthroughurl", "clkurl", "clk", "ctaurl",
            "destinationurl", "finalurl", "deeplink", "deeplinkurl", "storeurl", "appstoreurl", "marketurl",
            "trackingurl", "trackurl", "beacon", "beaconurl", "pixel", "pixelurl", "impressionurl", "impurl",
            "clicktracker", "impressiontracker");

    /**
     * Field names (normal form) that hold a setting or a resource rather than a page: where an API
     * lives, a CDN, an image, a script. A configuration value is not where the user was.
     */
    static final Set<String> SETTING_NAMES = Set.of(
            "endpoint", "apiurl", "api", "baseurl", "apibase", "apiendpoint", "apihost", "server", "serverurl", "host",
            "cdn", "cdnurl", "configurl", "config", "src", "img", "image", "imageurl", "icon", "iconurl", "logo",
            "logourl", "thumbnail", "thumbnailurl", "script", "scripturl", "css", "video", "videourl", "file",
            "fileurl", "download", "downloadurl", "asset", "asseturl", "media", "mediaurl", "poster", "avatar",
            "avatarurl", "manifest", "feed", "rss", "privacypolicy", "privacyurl", "privacypolicyurl", "termsurl",
            "tosurl", "helpurl", "supporturl", "optouturl", "sdkurl", "reporturl", "collectorurl", "trackerurl");

    /** Words in a cookie's name that say it keeps a page the user was on. */
    private static final List<String> VISIT_WORDS = List.of("page", "visit", "history", "referr", "referer", "loc");

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
                || RESOURCE_EXTENSIONS.contains(found.url().extension()) || found.url().inAdFolder()) {
            return List.of();
        }
        String field = context.fieldName();
        if (REDIRECT_NAMES.contains(field) || SETTING_NAMES.contains(field)) {
            return List.of();
        }
        Confidence confidence = FIELD_NAMES.contains(field) ? Confidence.HIGH : Confidence.MEDIUM;
        if (confidence == Confidence.MEDIUM && notAVisit(node, field, found.url())) {
            return List.of();
        }
        return List.of(Found.of(name(), found.text(), text, found.start(), found.end(), found.transform(), confidence));
    }

    /**
     * What an address under a name that does not say "page" turns out to be when it is no visit: a
     * value a site keeps in a cookie under a name that speaks of no page or visit (a setting: on real
     * traffic a configuration cookie held one), an ad campaign's tagged landing page, or a beacon chain
     * (an address carrying another address).
     */
    private static boolean notAVisit(Payload node, String field, WebUrl url) {
        boolean cookie = node.location().kind() == Location.Kind.COOKIE || node.location().isHeader("Cookie");
        return cookie && !namesAVisit(field) || url.hasCampaignTags() || url.carriesUrl();
    }

    /** Whether a field name (normal form) speaks of a page or a visit ("last_page", "visited", "history"). */
    private static boolean namesAVisit(String field) {
        for (String word : VISIT_WORDS) {
            if (field.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
