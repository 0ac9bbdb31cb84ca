package org.telltale.core.decode;

import java.util.ArrayList;
import java.util.List;

import org.telltale.api.Payload;

/** Splits "k=v&k2=v2" (query strings, form bodies, cookie lists) into one child per named value. */
final class Pairs {
    private static final int MAX_KEY = 256;

    private Pairs() {
    }

    /**
     * The children of data[from, to), named prefix + NAME; pairs with an empty value are skipped. In
     * strict mode (content sniffing) the whole range must have the shape, else null is returned.
     *
     * @param separator '&' for queries and forms, ';' for cookie lists (spaces around pairs trimmed)
     */
    static List<Payload> split(Payload parent, byte[] data, int from, int to, byte separator, String prefix,
                               boolean strict, int maxChildren) {
        List<Payload> out = new ArrayList<>();
        int start = from;
        while (start <= to && out.size() <= maxChildren) {
            int end = Bytes.indexOf(data, separator, start, to);
            if (end < 0) {
                end = to;
            }
            int s = start;
            int e = end;
            if (separator == ';') {
                while (s < e && data[s] == ' ') {
                    s++;
                }
                while (e > s && data[e - 1] == ' ') {
                    e--;
                }
            }
            if (s < e) {
                int eq = Bytes.indexOf(data, '=', s, e);
                if (strict && (eq <= s || eq - s > MAX_KEY || !saneKey(data, s, eq))) {
                    return null;
                }
                if (eq > s && eq + 1 < e) {
                    boolean plus = separator != ';';
                    String name = PercentCodec.decodeToString(data, s, eq, plus);
                    out.add(parent.childAt(prefix + name, eq + 1, e, PercentCodec.decode(data, eq + 1, e, plus)));
                }
            }
            start = end + 1;
        }
        return out;
    }

    /** Key bytes a form encoder would leave as they are (or percent-escape). */
    static boolean saneKey(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = data[i];
            boolean ok = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '_' || b == '-' || b == '.' || b == '[' || b == ']' || b == '%' || b == '$' || b == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether the head of data starts like "key=" with a sane key (cheap sniff for fit()). */
    static boolean headLooksLikePair(byte[] data) {
        int end = Math.min(data.length, Bytes.SNIFF);
        for (int i = 0; i < end; i++) {
            if (data[i] == '=') {
                return i > 0 && saneKey(data, 0, i);
            }
        }
        return false;
    }
}
