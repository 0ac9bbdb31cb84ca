package org.telltale.core.detect;

import java.util.Arrays;

/**
 * Aho-Corasick over bytes with ASCII case folding: finds every occurrence of every pattern in one
 * pass. Built once by {@link Builder}, then immutable and safe to share between threads.
 *
 * <p>Layout, chosen for speed on bytes that match nothing: bytes are first mapped to classes (one
 * class for all bytes that occur in no pattern, one per folded byte that does), and the first states
 * in breadth-first order (the shallow ones, which random input visits most) get a full row per class
 * with the failure links already resolved, so most bytes cost one read of a small table. Deeper
 * states keep only their real edges, sorted by byte, and fall back along failure links. A
 * transition whose target reports a match carries the sign bit, so the scan loop tests for output
 * without a second array read. When few byte values start a pattern (digits-only canaries, say),
 * bytes that start none are skipped in a tight loop while in the root; when many do, the skip
 * loop's unpredictable exits cost more than the table read it saves, so it is left out.
 */
public final class ByteAutomaton {
    /** Receives the matches of one scan. */
    @FunctionalInterface
    public interface MatchHandler {
        /**
         * One match.
         *
         * @param pattern the pattern id given by {@link Builder#add}
         * @param end     the offset just past the match's last byte
         * @return false to stop the scan
         */
        boolean onMatch(int pattern, int end);
    }

    /** The longest pattern accepted, so that one canary cannot blow up the automaton. */
    public static final int MAX_PATTERN_LENGTH = 64 * 1024;
    /** The dense rows' budget in table cells (4 bytes each), so the table stays in the larger caches. */
    static final int MAX_DENSE_CELLS = 1 << 20;

    /** The root skip is used when at most this many byte values (of 256) start a pattern. */
    static final int MAX_STARTS_FOR_SKIP = 32;

    private static final int OUTPUT = 0x80000000;
    private static final int STATE = 0x7fffffff;
    private static final byte[] FOLD = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            FOLD[b] = (byte) (b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        }
    }

    /** Per byte value: its class; class 0 is every byte that occurs in no pattern. */
    private final int[] byteClass;
    private final int rowWidth;
    private final int denseStates;
    /** Cells in the dense table; codes from here up name sparse states. */
    private final int denseCells;
    private final int[] dense;
    private final boolean[] startsPattern;
    /** Whether few enough byte values start a pattern for the root skip loop to pay. */
    private final boolean skipAtRoot;
    private final int[] fail;
    private final int[] edgeStart;
    private final byte[] edgeLabel;
    private final int[] edgeTarget;
    /** States whose output (own or by suffix) is not empty, sorted. */
    private final int[] outputStates;
    private final int[] ownOutputStart;
    private final int[] ownOutputs;
    /** For each output state, the index in outputStates of its longest proper suffix with output, or -1. */
    private final int[] suffixOutput;
    private final int[] patternLengths;

    private ByteAutomaton(Builder b) {
        patternLengths = Arrays.copyOf(b.patternLengths, b.patternCount);
        Trie trie = b.trie;
        int n = trie.size;

        // Number the states breadth first, so that shallow states come first and a state's
        // failure target (always shallower) is numbered before it.
        int[] order = new int[n];
        int[] newId = new int[n];
        int head = 0;
        int tail = 1;
        while (head < tail) {
            int old = order[head];
            newId[old] = head;
            head++;
            for (int c = trie.firstChild[old]; c != -1; c = trie.nextSibling[c]) {
                order[tail++] = c;
            }
        }

        edgeStart = new int[n + 1];
        edgeLabel = new byte[n - 1];
        edgeTarget = new int[n - 1];
        int e = 0;
        for (int s = 0; s < n; s++) {
            edgeStart[s] = e;
            int from = e;
            for (int c = trie.firstChild[order[s]]; c != -1; c = trie.nextSibling[c]) {
                edgeLabel[e] = trie.label[c];
                edgeTarget[e] = newId[c];
                e++;
            }
            sortEdges(from, e);
        }
        edgeStart[n] = e;

        // The root's children fail to the root (the array's zero); deeper states are computed in
        // BFS order, so their parent's failure link is already known.
        fail = new int[n];
        for (int s = 1; s < n; s++) {
            for (int k = edgeStart[s]; k < edgeStart[s + 1]; k++) {
                fail[edgeTarget[k]] = failureOf(s, edgeLabel[k]);
            }
        }

        // Outputs: own patterns per state, then which states report anything at all.
        int[] ownCount = new int[n];
        int[] patternState = new int[b.patternCount];
        for (int p = 0; p < b.patternCount; p++) {
            patternState[p] = newId[b.patternEnd[p]];
            ownCount[patternState[p]]++;
        }
        boolean[] reports = new boolean[n];
        int reporting = 0;
        for (int s = 1; s < n; s++) {
            reports[s] = ownCount[s] > 0 || reports[fail[s]];
            if (reports[s]) {
                reporting++;
            }
        }
        outputStates = new int[reporting];
        ownOutputStart = new int[reporting + 1];
        ownOutputs = new int[b.patternCount];
        suffixOutput = new int[reporting];
        int r = 0;
        int o = 0;
        for (int s = 1; s < n; s++) {
            if (reports[s]) {
                outputStates[r] = s;
                ownOutputStart[r] = o;
                o += ownCount[s];
                r++;
            }
        }
        ownOutputStart[reporting] = o;
        int[] fill = new int[reporting];
        for (int p = 0; p < b.patternCount; p++) {
            int idx = Arrays.binarySearch(outputStates, patternState[p]);
            ownOutputs[ownOutputStart[idx] + fill[idx]++] = p;
        }
        for (int i = 0; i < reporting; i++) {
            int f = fail[outputStates[i]];
            while (f != 0 && ownCount[f] == 0) {
                f = fail[f];
            }
            suffixOutput[i] = f == 0 ? -1 : Arrays.binarySearch(outputStates, f);
        }
        for (int k = 0; k < edgeTarget.length; k++) {
            if (reports[edgeTarget[k]]) {
                edgeTarget[k] |= OUTPUT;
            }
        }

        // Bytes that occur in no pattern all behave alike, and so do the two cases of a letter:
        // rows indexed by class rather than by byte are several times smaller.
        boolean[] used = new boolean[256];
        for (byte l : edgeLabel) {
            used[l & 0xff] = true;
        }
        byteClass = new int[256];
        int[] classOfFolded = new int[256];
        int classes = 1;
        for (int c = 0; c < 256; c++) {
            if (used[c]) {
                classOfFolded[c] = classes++;
            }
        }
        for (int c = 0; c < 256; c++) {
            byteClass[c] = classOfFolded[FOLD[c] & 0xff];
        }
        rowWidth = classes;
        byte[] classByte = new byte[classes];
        for (int c = 255; c >= 0; c--) {
            classByte[byteClass[c]] = FOLD[c];
        }

        // Dense rows for a prefix of the breadth-first order: shallow states, which random input
        // visits most; a prefix is closed under failure links because those always point shallower.
        denseStates = Math.max(1, Math.min(n, MAX_DENSE_CELLS / rowWidth));
        dense = new int[denseStates * rowWidth];
        for (int s = 0; s < denseStates; s++) {
            for (int k = 0; k < rowWidth; k++) {
                int edge = k == 0 ? -1 : findEdge(s, classByte[k]);
                int t;
                if (edge >= 0) {
                    t = edgeTarget[edge];
                } else {
                    t = s == 0 ? 0 : dense[fail[s] * rowWidth + k];
                }
                dense[s * rowWidth + k] = t;
            }
        }
        startsPattern = new boolean[256];
        int starting = 0;
        for (int c = 0; c < 256; c++) {
            startsPattern[c] = dense[byteClass[c]] != 0;
            starting += startsPattern[c] ? 1 : 0;
        }
        // Measured: on random bytes, when a quarter of byte values start a pattern, the skip loop's
        // mispredicted exits make it about 1.5x slower than plain table reads.
        skipAtRoot = starting <= MAX_STARTS_FOR_SKIP;

        // From here on transitions hold codes, not state numbers: a dense state's code is the
        // offset of its row, which saves a multiplication per byte; sparse states follow the table.
        denseCells = denseStates * rowWidth;
        for (int k = 0; k < dense.length; k++) {
            dense[k] = code(dense[k]);
        }
        for (int k = 0; k < edgeTarget.length; k++) {
            edgeTarget[k] = code(edgeTarget[k]);
        }
    }

    private int code(int flaggedState) {
        int s = flaggedState & STATE;
        int code = s < denseStates ? s * rowWidth : denseCells + (s - denseStates);
        return code | (flaggedState & OUTPUT);
    }

    private int state(int code) {
        return code < denseCells ? code / rowWidth : code - denseCells + denseStates;
    }

    /** Starts an automaton. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of patterns added. */
    public int patternCount() {
        return patternLengths.length;
    }

    /** The length in bytes of a pattern. */
    public int patternLength(int pattern) {
        return patternLengths[pattern];
    }

    /** The number of states, for sizing figures. */
    public int stateCount() {
        return fail.length;
    }

    /** An estimate of the heap the automaton holds, in bytes. */
    public long approximateBytes() {
        return 4L * dense.length + 4L * 256 + 4L * fail.length + 4L * edgeStart.length + edgeLabel.length
                + 4L * edgeTarget.length + 4L * (outputStates.length * 3L + ownOutputs.length)
                + 4L * patternLengths.length + 256;
    }

    /** Reports every match in the whole array. */
    public void scan(byte[] data, MatchHandler handler) {
        scan(data, 0, data.length, handler);
    }

    /**
     * Reports every match inside {@code data[from, to)}, in order of end offset.
     *
     * @throws IndexOutOfBoundsException when the range does not fit the array
     */
    public void scan(byte[] data, int from, int to, MatchHandler handler) {
        java.util.Objects.checkFromToIndex(from, to, data.length);
        if (skipAtRoot) {
            scanSkippingAtRoot(data, from, to, handler);
        } else {
            scanDense(data, from, to, handler);
        }
    }

    /** One table read per byte and no data-dependent branch: the fastest loop when most bytes start a pattern. */
    private void scanDense(byte[] data, int from, int to, MatchHandler handler) {
        final int[] dense = this.dense;
        final int[] classes = this.byteClass;
        final int denseCells = this.denseCells;
        int code = 0;
        for (int i = from; i < to; i++) {
            int b = data[i] & 0xff;
            int t = code < denseCells ? dense[code + classes[b]] : step(state(code), b);
            if (t < 0) {
                t &= STATE;
                if (!report(state(t), i + 1, handler)) {
                    return;
                }
            }
            code = t;
        }
    }

    /** Skips runs of bytes that start no pattern; wins when few byte values start one. */
    private void scanSkippingAtRoot(byte[] data, int from, int to, MatchHandler handler) {
        final int[] dense = this.dense;
        final int[] classes = this.byteClass;
        final boolean[] starts = this.startsPattern;
        final int denseCells = this.denseCells;
        int code = 0;
        int i = from;
        while (i < to) {
            int b = data[i] & 0xff;
            if (code == 0) {
                while (!starts[b]) {
                    if (++i >= to) {
                        return;
                    }
                    b = data[i] & 0xff;
                }
            }
            int t = code < denseCells ? dense[code + classes[b]] : step(state(code), b);
            i++;
            if (t < 0) {
                t &= STATE;
                if (!report(state(t), i, handler)) {
                    return;
                }
            }
            code = t;
        }
    }

    /** The transition from a sparse state, following failure links down to a dense row. */
    private int step(int state, int b) {
        byte c = FOLD[b];
        int s = state;
        while (s >= denseStates) {
            int k = findEdge(s, c);
            if (k >= 0) {
                return edgeTarget[k];
            }
            s = fail[s];
        }
        return dense[s * rowWidth + byteClass[b]];
    }

    private boolean report(int state, int end, MatchHandler handler) {
        int idx = Arrays.binarySearch(outputStates, state);
        while (idx >= 0) {
            for (int k = ownOutputStart[idx]; k < ownOutputStart[idx + 1]; k++) {
                if (!handler.onMatch(ownOutputs[k], end)) {
                    return false;
                }
            }
            idx = suffixOutput[idx];
        }
        return true;
    }

    private int findEdge(int s, byte c) {
        int lo = edgeStart[s];
        int hi = edgeStart[s + 1] - 1;
        if (hi - lo < 8) {
            for (int k = lo; k <= hi; k++) {
                if (edgeLabel[k] == c) {
                    return k;
                }
            }
            return -1;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Byte.compare(edgeLabel[mid], c);
            if (cmp == 0) {
                return mid;
            } else if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    private int failureOf(int parent, byte c) {
        int f = fail[parent];
        while (true) {
            int k = findEdge(f, c);
            if (k >= 0) {
                return edgeTarget[k];
            }
            if (f == 0) {
                return 0;
            }
            f = fail[f];
        }
    }

    private void sortEdges(int from, int to) {
        // Insertion sort: a state has at most 256 edges and usually one or two.
        for (int i = from + 1; i < to; i++) {
            byte l = edgeLabel[i];
            int t = edgeTarget[i];
            int j = i - 1;
            while (j >= from && edgeLabel[j] > l) {
                edgeLabel[j + 1] = edgeLabel[j];
                edgeTarget[j + 1] = edgeTarget[j];
                j--;
            }
            edgeLabel[j + 1] = l;
            edgeTarget[j + 1] = t;
        }
    }

    /** Collects patterns; not thread-safe; use once. */
    public static final class Builder {
        private final Trie trie = new Trie();
        private int[] patternEnd = new int[16];
        private int[] patternLengths = new int[16];
        private int patternCount;
        private boolean built;

        private Builder() {
        }

        /**
         * Adds a pattern, matched with ASCII case folding.
         *
         * @return its id: 0 for the first pattern, then 1, 2, ...
         * @throws IllegalArgumentException when the pattern is empty or longer than
         *                                  {@link #MAX_PATTERN_LENGTH}
         */
        public int add(byte[] pattern) {
            if (built) {
                throw new IllegalStateException("already built");
            }
            if (pattern.length == 0 || pattern.length > MAX_PATTERN_LENGTH) {
                throw new IllegalArgumentException("pattern length " + pattern.length + " is not in 1.."
                        + MAX_PATTERN_LENGTH);
            }
            int s = 0;
            for (byte raw : pattern) {
                s = trie.childOrNew(s, FOLD[raw & 0xff]);
            }
            if (patternCount == patternEnd.length) {
                patternEnd = Arrays.copyOf(patternEnd, patternCount * 2);
                patternLengths = Arrays.copyOf(patternLengths, patternCount * 2);
            }
            patternEnd[patternCount] = s;
            patternLengths[patternCount] = pattern.length;
            return patternCount++;
        }

        /** Builds the automaton; the builder cannot be used afterwards. */
        public ByteAutomaton build() {
            if (built) {
                throw new IllegalStateException("already built");
            }
            built = true;
            return new ByteAutomaton(this);
        }
    }

    /** The plain trie the builder grows: first-child and next-sibling links, with a direct root row. */
    private static final class Trie {
        int size = 1;
        int[] firstChild = filled(64);
        int[] nextSibling = filled(64);
        byte[] label = new byte[64];
        final int[] rootChild = filledRoot();

        private static int[] filled(int n) {
            int[] a = new int[n];
            Arrays.fill(a, -1);
            return a;
        }

        private static int[] filledRoot() {
            int[] a = new int[256];
            Arrays.fill(a, -1);
            return a;
        }

        int childOrNew(int s, byte c) {
            if (s == 0 && rootChild[c & 0xff] >= 0) {
                return rootChild[c & 0xff];
            }
            if (s != 0) {
                for (int k = firstChild[s]; k != -1; k = nextSibling[k]) {
                    if (label[k] == c) {
                        return k;
                    }
                }
            }
            if (size == firstChild.length) {
                if (size > Integer.MAX_VALUE / 2 - 16) {
                    throw new IllegalArgumentException("too many states");
                }
                int grown = size * 2;
                int old = firstChild.length;
                firstChild = Arrays.copyOf(firstChild, grown);
                nextSibling = Arrays.copyOf(nextSibling, grown);
                label = Arrays.copyOf(label, grown);
                Arrays.fill(firstChild, old, grown, -1);
                Arrays.fill(nextSibling, old, grown, -1);
            }
            int child = size++;
            label[child] = c;
            nextSibling[child] = firstChild[s];
            firstChild[s] = child;
            if (s == 0) {
                rootChild[c & 0xff] = child;
            }
            return child;
        }
    }
}
