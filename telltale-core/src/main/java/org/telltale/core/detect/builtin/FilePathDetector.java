package org.telltale.core.detect.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.core.detect.NodeText;

/**
 * Paths of files and folders on the device: shared storage (/sdcard, /storage/emulated/0,
 * an SD card's /storage/XXXX-XXXX), app data (/data/data/PKG, /data/user/N/PKG) and file:// URLs
 * (HIGH). They tell which folders the user opened and which apps are installed. A file:// URL of
 * an app's own bundled assets (file:///android_asset/) tells nothing about the user and is skipped.
 */
public final class FilePathDetector implements Detector {
    private static final String PACKAGE = "[A-Za-z][A-Za-z0-9_]{0,100}(?:\\.[A-Za-z0-9_]{1,100}){1,20}";
    /** A device path starts at a root below and ends at white space, a quote or a bracket. */
    private static final Pattern PATH = Pattern.compile(
            "(?<![A-Za-z0-9_./:-])(?:"
                    + "file:///(?!android_asset/|android_res/)[^\\s\"'<>]{1,4096}"
                    + "|/(?:mnt/)?sdcard(?=[/\\s\"'<>,;)]|$)"
                    + "|/storage/(?:emulated/[0-9]{1,5}|self/primary|[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4})(?=[/\\s\"'<>,;)]|$)"
                    + "|/data/data/" + PACKAGE + "(?=[/\\s\"'<>,;)]|$)"
                    + "|/data/user(?:_de)?/[0-9]{1,5}/" + PACKAGE + "(?=[/\\s\"'<>,;)]|$)"
                    + ")(?:/[^\\s\"'<>,;]{0,4096})?");

    @Override
    public String name() {
        return "file_path";
    }

    /** Every path the pattern accepts starts with one of these; most nodes have none, and skip the regex. */
    private static boolean mentionsDeviceRoot(String text) {
        return text.contains("/sdcard") || text.contains("/storage/") || text.contains("/data/")
                || text.contains("file:///");
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        boolean leaf = context.leaf();
        if (!leaf) {
            return List.of();
        }
        NodeText text = NodeText.of(context);
        if (!mentionsDeviceRoot(text.text()) || !text.looksLikeText()) {
            return List.of();
        }
        NodeText.Span whole = text.whole(4096);
        if (whole != null && whole.text().indexOf('\n') < 0 && whole.text().indexOf('\r') < 0) {
            Matcher m = PATH.matcher(whole.text());
            if (m.lookingAt()) {
                // A value that is one path keeps its spaces: "/sdcard/My Documents".
                String path = text.utf8(whole.start(), whole.end());
                return List.of(Found.plain(name(), path, text, whole.start(), whole.end(), Confidence.HIGH));
            }
        }
        List<Detection> found = new ArrayList<>();
        Matcher m = PATH.matcher(text.text());
        while (m.find() && found.size() < Found.MAX_PER_NODE) {
            found.add(Found.plain(name(), text.utf8(m.start(), m.end()), text, m.start(), m.end(), Confidence.HIGH));
        }
        return found;
    }
}
