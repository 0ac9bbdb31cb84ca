package org.telltale.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.telltale.api.Decoder;
import org.telltale.api.Destination;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.Diagnostic;
import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.ExchangeAnalysis;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.Organisations;
import org.telltale.api.FirstSeen;
import org.telltale.api.OpaqueConnection;
import org.telltale.api.Flow;
import org.telltale.api.Payload;
import org.telltale.api.Session;
import org.telltale.api.TrackerHosts;
import org.telltale.core.cross.LearnedValue;
import org.telltale.core.decode.DecodeWalker;
import org.telltale.core.detect.NodeView;
import org.telltale.core.judge.Candidate;
import org.telltale.core.judge.Judge;
import org.telltale.core.judge.Verdict;

/**
 * The analysis of one exchange: a pure function from an exchange to its findings, expected matches
 * and diagnostics. Built once from an {@link EngineSpec}; holds only read-only tables, so one
 * instance serves every thread. Destinations come out unattributed: attribution is a later stage.
 */
public final class Engine {
    private final EngineSpec spec;
    private final DecodeWalker walker;
    private final List<Detector> detectors;
    /** The detectors that read the roots QuietHeaders names: the canary matcher only. */
    private final List<Detector> canaryMatchers;
    private final Judge judge;
    /** The matcher of what a first pass learned, or null; its detections carry where the value was first seen. */
    private final Detector learnedMatcher;
    /** Kind and value of each learned value to where it was first seen. */
    private final Map<String, FirstSeen> firstSeen = new HashMap<>();

    private Engine(EngineSpec spec, TrackerHosts trackers, Organisations organisations, ClassLoader plugins) {
        this.spec = spec;
        List<Decoder> decoders = Components.decoders(spec.decoders(), plugins);
        this.walker = new DecodeWalker(decoders, spec.limits());
        this.detectors = Components.detectors(spec.detectors(), spec.canaries().canaries(), spec.learned(), plugins);
        this.learnedMatcher = detectors.stream().filter(d -> d.name().equals(Components.LEARNED)).findFirst()
                .orElse(null);
        for (LearnedValue v : spec.learned()) {
            firstSeen.putIfAbsent(learnedKey(v.kind(), v.value()), v.firstSeen());
        }
        this.canaryMatchers = detectors.stream().filter(d -> d.name().equals(Components.CANARY)).toList();
        this.judge = Judge.standard(new Allowances(spec.canaries().canaries()), trackers, organisations);
    }

    /**
     * The engine a spec describes.
     *
     * @param trackers the tracker host table the judging rules read (the datasets named in the spec)
     * @throws IllegalArgumentException when the spec names a decoder or detector that is not there
     */
    public static Engine build(EngineSpec spec, TrackerHosts trackers) {
        return build(spec, trackers, Organisations.NONE);
    }

    /**
     * The engine a spec describes, judging with the organisation table too: a visited URL that reaches
     * another site of the organisation that runs its own is expected, not a leak (the datasets named in the spec).
     *
     * @throws IllegalArgumentException when the spec names a decoder or detector that is not there
     */
    public static Engine build(EngineSpec spec, TrackerHosts trackers, Organisations organisations) {
        return new Engine(spec, trackers, organisations, Components.contextLoader());
    }

    /**
     * The engine a spec describes, its plug-in decoders and detectors found through the given class
     * loader (a {@code URLClassLoader} over plug-in jars) instead of the context class loader. The
     * loader is not part of the spec: whoever rebuilds the engine elsewhere must offer the same plug-ins.
     *
     * @throws IllegalArgumentException when the spec names a decoder or detector that is not there
     */
    public static Engine build(EngineSpec spec, TrackerHosts trackers, ClassLoader plugins) {
        return new Engine(spec, trackers, Organisations.NONE, plugins);
    }

    /** What this engine was built from. */
    public EngineSpec spec() {
        return spec;
    }

    /** The whole pipeline for one exchange: roots, decode tree, detection, judging. */
    public ExchangeAnalysis analyze(FlowKey key, Exchange exchange) {
        String host = hostOf(exchange);
        String session = sessionAt(exchange.time());
        Work work = new Work(key, exchange.origin(), walker.newBudget(), spec.limits().maxScannedBytesPerExchange(),
                learnedMatcher, firstSeen);
        for (Payload root : RequestRoots.of(exchange)) {
            List<Detector> looking = QuietHeaders.holds(root) ? canaryMatchers : detectors;
            walker.walk(root, work.budget, (node, leaf) -> work.detect(looking, NodeView.of(node, leaf, host, session)),
                    work::diagnostic);
        }
        Verdict verdict = new Verdict(host);
        List<Candidate> found = judge.judge(work.candidates, verdict);
        Flow flow = flow(key, exchange, host, session, work.limited());
        return new ExchangeAnalysis(flow, findings(flow, exchange, found), expected(flow, verdict), work.diagnostics);
    }

    /**
     * The client's raw bytes of a connection no parser read (a game's own protocol): only the canary
     * matcher searches them, since the built-in detectors' shapes are meant for decoded fields. The
     * connection becomes a flow of its own ("TCP tcp://host:port") so its findings are placed like
     * any other; null when it kept no bytes or there are no canaries to search for.
     */
    public ExchangeAnalysis analyzeRaw(FlowKey key, OpaqueConnection c) {
        Payload root = RequestRoots.of(c);
        if (root == null || canaryMatchers.isEmpty() || spec.canaries().canaries().isEmpty()) {
            return null;
        }
        Endpoint server = c.server();
        String host = server.host() != null ? server.host() : c.sni();
        String session = sessionAt(c.time());
        Work work = new Work(key, c.origin(), walker.newBudget(), spec.limits().maxScannedBytesPerExchange(),
                learnedMatcher, firstSeen);
        String shown = host != null ? host : server.ip();
        walker.walk(root, work.budget, (node, leaf) -> work.detect(canaryMatchers, NodeView.of(node, leaf, shown, session)),
                work::diagnostic);
        Verdict verdict = new Verdict(shown);
        List<Candidate> found = judge.judge(work.candidates, verdict);
        String url = c.protocol() + "://" + (shown != null && shown.indexOf(':') >= 0 ? "[" + shown + "]" : shown)
                + ":" + server.port();
        Flow flow = new Flow(key.index(), key.id(), c.time(), c.protocol().toUpperCase(Locale.ROOT), url, shown,
                server.ip(), server.port(), session, key.input(), c.origin(), c.app(), false, work.limited());
        return new ExchangeAnalysis(flow, findings(flow, server, found), expected(flow, verdict), work.diagnostics);
    }

    private static List<Finding> findings(Flow flow, Exchange exchange, List<Candidate> found) {
        return findings(flow, exchange.server(), found);
    }

    private static List<Finding> findings(Flow flow, Endpoint server, List<Candidate> found) {
        Destination destination = new Destination(flow.host(), server.ip(), server.port(), null);
        List<Finding> out = new ArrayList<>(found.size());
        for (Candidate c : found) {
            Detection d = c.detection();
            out.add(new Finding(flow.index(), flow.id(), d.canary(), d.kind(), d.value(), d.matched(), c.location(),
                    c.steps(), d.start(), d.end(), d.transform(), d.confidence(), flow.session(), destination,
                    c.firstSeen()));
        }
        return out;
    }

    private static List<ExpectedMatch> expected(Flow flow, Verdict verdict) {
        return verdict.expected().stream()
                .map(e -> new ExpectedMatch(flow.index(), flow.id(), e.canary(), flow.host(), e.allowedBy()))
                .toList();
    }

    private static Flow flow(FlowKey key, Exchange exchange, String host, String session, boolean analysisIncomplete) {
        return new Flow(key.index(), key.id(), exchange.time(), exchange.request().method(), exchange.request().url(),
                host, exchange.server().ip(), exchange.server().port(), session, key.input(),
                exchange.origin(), exchange.app(), exchange.incomplete(), analysisIncomplete);
    }

    private static String learnedKey(String kind, String value) {
        return kind + '\0' + value;
    }

    /** The label of the marked session holding an instant, or null. */
    public String sessionAt(Instant time) {
        for (Session s : spec.canaries().sessions()) {
            if (s.contains(time)) {
                return s.label();
            }
        }
        return null;
    }

    /** The host an exchange went to: from its URL, else what the capture says of the server. */
    public static String hostOf(Exchange exchange) {
        String fromUrl = Sites.hostOf(exchange.request().url());
        return fromUrl != null ? fromUrl : exchange.server().host();
    }

    /** One exchange's work in progress: the detections so far and what it may still scan. */
    private static final class Work {
        final FlowKey key;
        final String origin;
        final DecodeWalker.Budget budget;
        final List<Candidate> candidates = new ArrayList<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();
        long scanLeft;
        boolean scanLimited;
        int nodes;

        final Detector learnedMatcher;
        final Map<String, FirstSeen> firstSeen;

        Work(FlowKey key, String origin, DecodeWalker.Budget budget, long scanBudget, Detector learnedMatcher,
             Map<String, FirstSeen> firstSeen) {
            this.key = key;
            this.learnedMatcher = learnedMatcher;
            this.firstSeen = firstSeen;
            this.origin = origin;
            this.budget = budget;
            this.scanLeft = scanBudget;
        }

        void detect(List<Detector> looking, NodeView view) {
            Payload node = view.node();
            int ordinal = nodes++;
            if (scanLeft < node.data().length) {
                if (!scanLimited) {
                    scanLimited = true;
                    diagnostic("detection budget of bytes scanned per exchange spent; the rest is not searched");
                }
                scanLeft = 0; // nothing after this node is searched, smaller or not
                return;
            }
            scanLeft -= node.data().length;
            for (Detector detector : looking) {
                boolean learned = detector == learnedMatcher;
                for (Detection d : detector.detect(view)) {
                    FirstSeen seen = learned ? firstSeen.get(learnedKey(d.kind(), d.value())) : null;
                    candidates.add(new Candidate(ordinal, node.location(), node.path(), d, seen));
                }
            }
        }

        void diagnostic(String message) {
            diagnostics.add(new Diagnostic(key.index(), key.input(), origin, message, false));
        }

        boolean limited() {
            return scanLimited || budget.limited();
        }
    }
}
