package org.telltale.core;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.telltale.api.AnalysisResult;
import org.telltale.api.CanaryFile;
import org.telltale.api.CaptureException;
import org.telltale.api.CaptureSink;
import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Destination;
import org.telltale.api.DestinationResolver;
import org.telltale.api.Detection;
import org.telltale.api.Detector;
import org.telltale.api.Diagnostic;
import org.telltale.api.Exchange;
import org.telltale.api.ExpectedMatch;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.Observation;
import org.telltale.api.OpaqueConnection;
import org.telltale.api.OpaqueFlow;
import org.telltale.api.Payload;
import org.telltale.api.Session;
import org.telltale.api.TlsKeyLog;
import org.telltale.core.decode.DecodeWalker;
import org.telltale.core.decode.Decoders;
import org.telltale.core.detect.CanaryMatcher;
import org.telltale.core.detect.Detectors;

/**
 * The whole pipeline: captures become exchanges, exchanges become decode trees, detectors look at
 * every node, and what they find is placed in its flow, its session and its destination.
 * One instance per analysis; not thread-safe.
 */
public final class Analysis {
    private final CanaryFile canaries;
    private final DecodeWalker walker;
    private final List<Detector> detectors;
    /** The detectors that read the roots QuietHeaders names: the canary matchers only. */
    private final List<Detector> canaryMatchers;
    private final DestinationResolver resolver;
    private final Allowances allowances;
    private static final String BROWSING_HISTORY = "browsing_history";

    private final Map<String, Destination> destinations = new HashMap<>();
    private final Map<String, Boolean> trackerHosts = new HashMap<>();

    private final List<Flow> flows = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Set<ExpectedMatch> expected = new LinkedHashSet<>();
    private final List<OpaqueFlow> opaque = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<TlsKeyLog> tlsKeyLogs = new ArrayList<>();

    public Analysis(CanaryFile canaries, List<Decoder> decoders, List<Detector> detectors,
                    DestinationResolver resolver, DecodeLimits limits) {
        this.canaries = canaries;
        this.walker = new DecodeWalker(decoders, limits);
        this.detectors = List.copyOf(detectors);
        this.canaryMatchers = this.detectors.stream().filter(d -> d instanceof CanaryMatcher).toList();
        this.resolver = resolver;
        this.allowances = new Allowances(canaries.canaries());
    }

    /** An analysis with every built-in decoder and detector and the default limits. */
    public static Analysis withBuiltIns(CanaryFile canaries, DestinationResolver resolver) {
        List<Detector> all = new ArrayList<>();
        all.add(new CanaryMatcher(canaries.canaries()));
        all.addAll(Detectors.builtIn());
        return new Analysis(canaries, Decoders.builtIn(), all, resolver, DecodeLimits.DEFAULT);
    }

    /** Reads every input in order and analyses what it holds; a bad input never stops the others. */
    public AnalysisResult run(List<? extends CaptureSource> inputs) {
        List<String> names = new ArrayList<>();
        for (CaptureSource input : inputs) {
            names.add(input.name());
            try {
                input.read(new Sink(input.name()));
            } catch (CaptureException e) {
                diagnostics.add(new Diagnostic(null, input.name(), e.place(), e.getMessage(), true));
            } catch (IOException e) {
                diagnostics.add(new Diagnostic(null, input.name(), null, "cannot be read: " + e.getMessage(), true));
            }
        }
        return new AnalysisResult(names, canaries, flows, findings, List.copyOf(expected), opaque, diagnostics,
                tlsKeyLogs);
    }

    private void exchange(String input, Exchange exchange) {
        int index = flows.size();
        String host = hostOf(exchange);
        String session = sessionAt(exchange.time());
        flows.add(new Flow(index, exchange.time(), exchange.request().method(), exchange.request().url(), host,
                exchange.server().ip(), exchange.server().port(), session, input, exchange.origin(), exchange.app(),
                exchange.incomplete()));
        Destination destination = destination(host, exchange.server().ip(), exchange.server().port());
        FlowFindings found = new FlowFindings();
        DecodeWalker.Budget budget = walker.newBudget();
        for (Payload root : RequestRoots.of(exchange)) {
            if (QuietHeaders.holds(root)) {
                detect(canaryMatchers, index, root, true, host, session, destination, found);
                continue;
            }
            walker.walk(root, budget,
                    (node, leaf) -> detect(detectors, index, node, leaf, host, session, destination, found),
                    message -> diagnostics.add(new Diagnostic(index, input, exchange.origin(), message, false)));
        }
        findings.addAll(found.all());
    }

    private void detect(List<Detector> looking, int flow, Payload node, boolean leaf, String host, String session,
                        Destination destination, FlowFindings found) {
        List<Detection> planted = List.of();
        for (Detector detector : looking) {
            List<Detection> detections = detector.detect(node, leaf, host);
            if (detections.isEmpty()) {
                continue;
            }
            if (detector instanceof CanaryMatcher) {
                planted = detections;
            }
            for (Detection d : detections) {
                if (d.canary() == null && (explainedByCanary(d, planted) || isTrackerUrl(d))) {
                    continue;
                }
                String allowedBy = d.canary() == null ? null : allowances.allowedBy(d.canary(), host);
                if (allowedBy != null) {
                    expected.add(new ExpectedMatch(flow, d.canary(), host, allowedBy));
                } else {
                    found.add(new Finding(flow, d.canary(), d.kind(), d.value(), d.matched(), node.location(),
                            node.path(), d.transform(), d.confidence(), session, destination));
                }
            }
        }
    }

    /** A built-in detection of the very bytes a canary matched says nothing the canary does not. */
    private static boolean explainedByCanary(Detection d, List<Detection> planted) {
        for (Detection p : planted) {
            if (d.start() < p.end() && p.start() < d.end()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A URL on a known ad or tracker host is not a page the user visited: it is the document of an
     * ad frame (whose address browsers send as Referer) or a tracker's own endpoint.
     */
    private boolean isTrackerUrl(Detection d) {
        if (!BROWSING_HISTORY.equals(d.kind())) {
            return false;
        }
        String urlHost = Sites.hostOf(d.value());
        return urlHost != null && trackerHosts.computeIfAbsent(urlHost,
                h -> resolver.resolve(h, null).tracker() != null);
    }

    private void opaque(String input, OpaqueConnection c) {
        String host = c.server().host() != null ? c.server().host() : c.sni();
        opaque.add(new OpaqueFlow(c, sessionAt(c.time()), input, destination(host, c.server().ip(), c.server().port())));
    }

    private Destination destination(String host, String ip, int port) {
        return destinations.computeIfAbsent(host + "|" + ip + "|" + port,
                k -> new Destination(host, ip, port, resolver.resolve(host, ip)));
    }

    private static String hostOf(Exchange exchange) {
        String fromUrl = Sites.hostOf(exchange.request().url());
        return fromUrl != null ? fromUrl : exchange.server().host();
    }

    private String sessionAt(Instant time) {
        for (Session s : canaries.sessions()) {
            if (s.contains(time)) {
                return s.label();
            }
        }
        return null;
    }

    /** Routes what a reader emits into the analysis, tagged with the input it came from. */
    private final class Sink implements CaptureSink {
        private final String input;

        Sink(String input) {
            this.input = input;
        }

        @Override
        public void observe(Observation observation) {
            if (observation instanceof Exchange e) {
                exchange(input, e);
            } else if (observation instanceof OpaqueConnection c) {
                opaque(input, c);
            }
        }

        @Override
        public void diagnostic(String origin, String message) {
            diagnostics.add(new Diagnostic(null, input, origin, message, false));
        }

        @Override
        public void tlsSecrets(String keyLog) {
            tlsKeyLogs.add(new TlsKeyLog(input, keyLog));
        }
    }
}
