package org.telltale.core.cross;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.Confidence;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.NodeContext;
import org.telltale.api.Payload;

/**
 * Finds identifier-shaped values in a node: runs of letters, digits, '-' and '_' with room for 64
 * bits (a UUID; 16 or more hex digits; a 64-bit integer written out in 16 or more digits, signed or
 * not; 16 or more single-case letters and digits; 12 or more base62 or base64url characters mixing
 * upper case, lower case and digits), that are neither words (a run of eight lower-case letters, or
 * six in a single-case token) nor timestamps (a number whose first ten digits are a Unix time of
 * 2000 to 2040: microseconds and nanoseconds), nor a publisher's account ("ca-pub-...") or a
 * configuration ID named so ({@link #CONFIGURATION_FIELDS}). The Referer and Origin headers are
 * left out: they carry the address of the page a request came from, not an ID the sender chose to
 * pass on, and the browsing-history detector reports them. Only leaves are read (the decoded query
 * parameter, not the URL around it), so a value is judged under the name it was sent with. Used
 * by the first pass of a run only, to learn which values reach several organisations: its detections
 * are never findings themselves. One pass over the bytes; the runs kept per node are bounded.
 */
public final class IdTokens implements Detector {
    /** The detector's name in an engine's specification. */
    public static final String NAME = "id_token";
    /** Shorter runs carry fewer than 64 bits in any of the shapes below (12 base62 characters: 71 bits). */
    static final int MIN_LENGTH = 12;
    /** Hex, decimal and single-case tokens need this many characters for 64 bits. */
    static final int MIN_SINGLE_CASE = 16;
    /**
     * Field names (in NodeContext's normal form) whose values identify a publisher, site or data
     * provider rather than a user: the same for every visitor, so their reaching several companies is
     * configuration, not ID sharing.
     */
    static final java.util.Set<String> CONFIGURATION_FIELDS = java.util.Set.of("kdpid", "googleadclient",
            "publisherid", "pubid", "siteid", "accesskey", "apikey");
    /** Longer runs are blobs (a whole payload in base64), not IDs. */
    static final int MAX_LENGTH = 128;
    /** Runs kept per node: a node made of nothing but tokens stops here. */
    static final int MAX_PER_NODE = 1_000;
    /** Unix times from 2000 to 2040 in seconds: a long number starting with one is a time in finer units. */
    private static final long TIME_FROM = 946_684_800L;
    private static final long TIME_TO = 2_208_988_800L;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Detection> detect(NodeContext context) {
        Payload node = context.node();
        byte[] data = node == null ? null : node.data();
        if (data == null || data.length < MIN_LENGTH || !context.leaf() || node.location().isHeader("Referer")
                || node.location().isHeader("Origin") || CONFIGURATION_FIELDS.contains(context.fieldName())) {
            return List.of();
        }
        List<Detection> out = new ArrayList<>(0);
        int i = 0;
        while (i < data.length && out.size() < MAX_PER_NODE) {
            if (!isTokenByte(data[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < data.length && isTokenByte(data[i])) {
                i++;
            }
            int length = i - start;
            if (length >= MIN_LENGTH && length <= MAX_LENGTH && identifierShaped(data, start, i)) {
                String token = new String(data, start, length, StandardCharsets.US_ASCII);
                out.add(new Detection(null, NAME, token, token, "plain", Confidence.LOW, start, i));
            }
        }
        return out;
    }

    /** Whether the bytes from start to end (token bytes only) carry an identifier's 64 bits. */
    static boolean identifierShaped(byte[] d, int start, int end) {
        int length = end - start;
        if (isUuid(d, start, end)) {
            return true;
        }
        if (publisherAccount(d, start, end)) {
            return false;
        }
        int sign = d[start] == '-' ? 1 : 0;
        int digits = 0;
        int upper = 0;
        int lower = 0;
        int hexLetters = 0;
        int punct = 0;
        int run = 0;
        int longestLetterRun = 0;
        int lowerRun = 0;
        int longestLowerRun = 0;
        boolean[] seen = new boolean[128];
        int distinct = 0;
        for (int k = start; k < end; k++) {
            byte b = d[k];
            if (!seen[b]) {
                seen[b] = true;
                distinct++;
            }
            boolean letter = false;
            if (b >= '0' && b <= '9') {
                digits++;
            } else if (b >= 'a' && b <= 'z') {
                lower++;
                letter = true;
                hexLetters += b <= 'f' ? 1 : 0;
            } else if (b >= 'A' && b <= 'Z') {
                upper++;
                letter = true;
                hexLetters += b <= 'F' ? 1 : 0;
            } else {
                punct++;
            }
            run = letter ? run + 1 : 0;
            longestLetterRun = Math.max(longestLetterRun, run);
            lowerRun = b >= 'a' && b <= 'z' ? lowerRun + 1 : 0;
            longestLowerRun = Math.max(longestLowerRun, lowerRun);
        }
        if (distinct < 6) {
            return false; // "0000000000000000", "abababab..."
        }
        if (digits == length - sign) {
            // "786792932447527911"; a negative one ("-1378101304145867844", a signed 64-bit ID) is no time
            return digits >= MIN_SINGLE_CASE && (sign == 1 || !fineTime(d, start));
        }
        int letters = upper + lower;
        boolean singleCase = upper == 0 || lower == 0;
        if (singleCase && length < MIN_SINGLE_CASE) {
            return false;
        }
        if (punct == 0 && singleCase && hexLetters == letters && digits > 0) {
            return true; // hex, 16 digits or more: 64 bits
        }
        if (digits < 2 || longestLowerRun >= 8) {
            return false; // letters alone, or words ("sessionid", "googlesyndication")
        }
        if (singleCase) {
            // base36 (16 characters are 82 bits), or digits with a letter prefix ("BQ-00000003020551370");
            // shorter letter runs than words have
            return letters > 0 && longestLetterRun < 6; // digits and dashes alone are dates ("2015-05-11-10-20")
        }
        return upper >= 2 && lower >= 2; // base62 or base64url: 12 characters are 71 bits
    }

    /** Google's publisher accounts ("ca-pub-4177862836555934", "ca-app-pub-..."): one per site or app, not per user. */
    private static boolean publisherAccount(byte[] d, int start, int end) {
        return startsWith(d, start, end, "ca-pub-") || startsWith(d, start, end, "ca-app-pub-")
                || startsWith(d, start, end, "pub-");
    }

    private static boolean startsWith(byte[] d, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (d[start + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUuid(byte[] d, int start, int end) {
        if (end - start != 36) {
            return false;
        }
        for (int k = 0; k < 36; k++) {
            byte b = d[start + k];
            boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
            if (dash ? b != '-' : !isHex(b)) {
                return false;
            }
        }
        int zeros = 0;
        for (int k = start; k < end; k++) {
            zeros += d[k] == '0' ? 1 : 0;
        }
        return zeros < 32; // the all-zero UUID (an advertising ID the user reset) is no one's
    }

    /** Whether a long number reads as a time in micro- or nanoseconds (its first ten digits a Unix time from 2000 to 2040). */
    private static boolean fineTime(byte[] d, int start) {
        long seconds = 0;
        for (int k = start; k < start + 10; k++) {
            seconds = seconds * 10 + (d[k] - '0');
        }
        return seconds >= TIME_FROM && seconds <= TIME_TO;
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static boolean isTokenByte(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '-' || b == '_';
    }
}
