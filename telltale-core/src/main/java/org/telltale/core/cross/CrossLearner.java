package org.telltale.core.cross;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.telltale.api.AnalysisSink;
import org.telltale.api.Attribution;
import org.telltale.api.Confidence;
import org.telltale.api.Destination;
import org.telltale.api.Diagnostic;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.Finding;
import org.telltale.api.FirstSeen;
import org.telltale.api.OpaqueFlow;
import org.telltale.core.Sites;

/**
 * The first pass of a run, as a sink: learns the identifiers found with high confidence (each with
 * where it was first seen) and which identifier-shaped values reached which organisations. Results
 * arrive in input order, so "first" is the same on every run. Memory is bounded: at most
 * {@link #MAX_IDENTIFIERS} identifiers and {@link #MAX_TOKENS} distinct values are tracked, each
 * value with at most {@link #MAX_OWNERS} organisations; what a cap left out is counted and said.
 */
public final class CrossLearner implements AnalysisSink {
    /** Identifiers learned at most; one value per identifier, its first kind wins. */
    public static final int MAX_IDENTIFIERS = 1_000;
    /** Distinct identifier-shaped values tracked at most (about 200 bytes each). */
    public static final int MAX_TOKENS = 100_000;
    /** Shared IDs looked for in the second pass at most, so its matcher stays small (a few spellings each). */
    public static final int MAX_SHARED = 10_000;
    /** Receivers remembered per value: two owners make it shared, more only name more of them. */
    static final int MAX_OWNERS = 16;
    /** Shorter identifiers (a short phone number) would match by chance in other requests. */
    static final int MIN_IDENTIFIER_LENGTH = 8;

    private final Map<String, LearnedValue> identifiers = new LinkedHashMap<>();
    private final Map<String, Tracked> tokens = new LinkedHashMap<>();
    private long identifiersLeftOut;
    private long tokensLeftOut;
    private String firstInput;

    /** One identifier-shaped value: where it was first seen and who received it. */
    private static final class Tracked {
        final LearnedValue value;
        /** Each receiver as (organisation or null, registrable domain or host). */
        final Set<List<String>> receivers = new LinkedHashSet<>(2);

        Tracked(LearnedValue value) {
            this.value = value;
        }

        /**
         * Whether two receivers or more are different owners. Two receivers are one owner when they
         * share an organisation or a domain, so a host the datasets name and a sister host of the same
         * domain they do not name never make a value "shared" on their own.
         */
        boolean shared() {
            List<List<String>> all = new ArrayList<>(receivers);
            int[] owner = new int[all.size()];
            for (int i = 0; i < owner.length; i++) {
                owner[i] = i;
            }
            for (int i = 0; i < owner.length; i++) {
                for (int j = i + 1; j < owner.length; j++) {
                    if (sameOwner(all.get(i), all.get(j))) {
                        int from = owner[j];
                        int to = owner[i];
                        for (int k = 0; k < owner.length; k++) {
                            owner[k] = owner[k] == from ? to : owner[k];
                        }
                    }
                }
            }
            for (int o : owner) {
                if (o != owner[0]) {
                    return true;
                }
            }
            return false;
        }

        private static boolean sameOwner(List<String> a, List<String> b) {
            return a.get(1).equals(b.get(1)) || (a.get(0) != null && a.get(0).equals(b.get(0)));
        }
    }

    @Override
    public void begin(List<String> inputs) {
        firstInput = inputs.isEmpty() ? null : inputs.get(0);
    }

    @Override
    public void exchange(ExchangeAnalysis analysis) {
        for (Finding f : analysis.findings()) {
            if (IdTokens.NAME.equals(f.kind())) {
                token(f);
            } else if (learnable(f)) {
                identifier(f);
            }
        }
    }

    @Override
    public void opaque(OpaqueFlow flow) {
    }

    /** A built-in identifier finding of high confidence, long enough not to match by chance. */
    static boolean learnable(Finding f) {
        return f.canary() == null && IdentifierKinds.isIdentifier(f.kind())
                && (f.confidence() == Confidence.HIGH || f.confidence() == Confidence.CERTAIN)
                && f.value() != null && f.value().trim().length() >= MIN_IDENTIFIER_LENGTH;
    }

    private void identifier(Finding f) {
        String key = fold(f.value().trim());
        if (identifiers.containsKey(key)) {
            return;
        }
        if (identifiers.size() >= MAX_IDENTIFIERS) {
            identifiersLeftOut++;
            return;
        }
        identifiers.put(key, new LearnedValue(f.kind(), f.value().trim(), seen(f, f.kind())));
    }

    private void token(Finding f) {
        String key = fold(f.value());
        Tracked t = tokens.get(key);
        if (t == null) {
            if (tokens.size() >= MAX_TOKENS) {
                tokensLeftOut++;
                return;
            }
            t = new Tracked(new LearnedValue(LearnedValue.SHARED_ID, f.value(), seen(f, LearnedValue.SHARED_ID)));
            tokens.put(key, t);
        }
        if (t.receivers.size() < MAX_OWNERS) {
            t.receivers.add(receiver(f.destination()));
        }
    }

    private static FirstSeen seen(Finding f, String kind) {
        return new FirstSeen(f.flow(), f.flowId(), kind, f.provenance());
    }

    /**
     * Who received it: the organisation attribution names (or null), and the registrable domain, so
     * that each domain is its own owner when no dataset knows better; a server known only by its IP
     * is its network's ("AS2906"), so one company's many CDN addresses are one receiver.
     */
    static List<String> receiver(Destination d) {
        Attribution a = d.attribution();
        String host = d.host() != null ? d.host() : d.ip();
        boolean bareIp = a.registrableDomain() == null && (host == null || host.equals(d.ip()));
        String where = bareIp && a.asn() > 0 ? "AS" + a.asn()
                : a.registrableDomain() != null ? a.registrableDomain()
                : host != null ? Sites.registrableDomain(host) : "unknown";
        return java.util.Arrays.asList(a.organization(), where);
    }

    /** What the second pass looks for: the identifiers, then the values that reached two organisations or more. */
    public List<LearnedValue> learned() {
        List<LearnedValue> out = new ArrayList<>(identifiers.values());
        int shared = 0;
        for (Tracked t : tokens.values()) {
            if (t.shared() && shared++ < MAX_SHARED) {
                out.add(t.value);
            }
        }
        return out;
    }

    /** What the caps left out, as diagnostics of the run. */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> out = new ArrayList<>();
        if (identifiersLeftOut > 0) {
            out.add(new Diagnostic(null, firstInput, null, identifiersLeftOut + " more identifiers were found than the "
                    + MAX_IDENTIFIERS + " whose spellings are looked for in every request; their hashes in other "
                    + "requests are not searched", false));
        }
        long shared = tokens.values().stream().filter(Tracked::shared).count();
        if (shared > MAX_SHARED) {
            out.add(new Diagnostic(null, firstInput, null, (shared - MAX_SHARED) + " more IDs reached several "
                    + "organisations than the " + MAX_SHARED + " that are reported", false));
        }
        if (tokensLeftOut > 0) {
            out.add(new Diagnostic(null, firstInput, null, tokensLeftOut + " identifier-shaped values were not tracked "
                    + "(at most " + MAX_TOKENS + " are): whether they reached several organisations is not known", false));
        }
        return out;
    }

    private static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return sb.toString();
    }
}
