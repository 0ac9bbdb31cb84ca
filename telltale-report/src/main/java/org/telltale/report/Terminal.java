package org.telltale.report;

/**
 * Makes captured text safe to print: control characters (which could move the cursor, recolour or
 * rewrite the user's terminal) and bidirectional overrides (which could reorder what is shown) are
 * written as visible escapes.
 */
public final class Terminal {
    private Terminal() {
    }

    public static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean unsafe = c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f;
            if (unsafe && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (unsafe) {
                b.append(String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
