package org.telltale.testkit.corpus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.api.CanaryType;
import org.telltale.api.Exchange;
import org.telltale.api.Session;
import org.telltale.testkit.ExchangeBuilder;

/**
 * Makes a leak corpus from a seed: canaries of every type, traffic that leaks them through
 * tracking SDK formats and random encoding chains, allowed traffic (visits, same-site requests,
 * searches to their engine), decoys that must not be reported, and an incognito window; with the
 * ground truth of every (flow, canary) pair.
 *
 * <pre>{@code
 * Corpus corpus = LeakCorpus.generate(42, 80, 12);
 * corpus.writeHar(dir.resolve("capture.har"));
 * corpus.writeCanaries(dir.resolve("canaries.yaml"));
 * }</pre>
 */
public final class LeakCorpus {
    /** The first flow's time; the corpus pretends to be one morning in April 2020. */
    static final Instant START = Instant.parse("2020-04-21T09:00:00Z");
    /** The label of the marked session. */
    public static final String INCOGNITO = "incognito";

    private static final List<String> DECOY_KINDS = List.of(Decoy.NEAR_MISS, Decoy.PREFIX, Decoy.RANDOM_BASE64,
            Decoy.RANDOM_HEX, Decoy.RESPONSE_ECHO, Decoy.UNRELATED);
    private static final int MAX_FLOWS = 100_000;
    private static final int MAX_CANARIES = 1_000;

    private LeakCorpus() {
    }

    /**
     * The corpus for a seed. With at least ten canaries every type appears; with enough flows
     * every canary leaks at least once and every kind of decoy appears.
     *
     * @param seed     the seed; the same arguments always give the same corpus
     * @param flows    how many flows, 1 to 100,000
     * @param canaries how many canaries, 1 to 1,000
     */
    public static Corpus generate(long seed, int flows, int canaries) {
        if (flows < 1 || flows > MAX_FLOWS || canaries < 1 || canaries > MAX_CANARIES) {
            throw new IllegalArgumentException("flows must be 1.." + MAX_FLOWS + " and canaries 1.." + MAX_CANARIES);
        }
        Random r = new Random(seed);
        List<Canary> planted = canaries(r, canaries);
        List<Draft> drafts = drafts(r, planted, flows);
        return assemble(seed, r, planted, drafts);
    }

    private static List<Canary> canaries(Random r, int count) {
        List<CanaryType> types = new ArrayList<>(Arrays.asList(CanaryType.values()));
        Collections.shuffle(types, r);
        List<Canary> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<CanaryType, Integer> numbers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            CanaryType type = types.get(i % types.size());
            String value = CanaryValues.of(type, r);
            // Distinct values and, for URLs, distinct sites: one canary's visit must not allow another's.
            String key = type == CanaryType.URL ? Sites.host(value) : value.toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                i--;
                continue;
            }
            int n = numbers.merge(type, 1, Integer::sum);
            List<String> expected = type == CanaryType.SEARCH ? List.of(Sites.pick(r, Sites.ENGINES)[0]) : List.of();
            out.add(new Canary(type.id().replace('_', '-') + "-" + n, type, value, expected));
        }
        return out;
    }

    private static List<Draft> drafts(Random r, List<Canary> canaries, int flows) {
        Scenes scenes = new Scenes(r);
        List<List<Draft>> story = new ArrayList<>();
        for (Canary c : canaries) {
            if (c.type() == CanaryType.URL || c.type() == CanaryType.SEARCH) {
                story.add(scenes.visit(c));
            }
            story.add(List.of(scenes.leak(c)));
        }
        for (String kind : DECOY_KINDS) {
            story.add(List.of(scenes.decoy(kind, Sites.pick(r, canaries))));
        }
        int total = story.stream().mapToInt(List::size).sum();
        while (total < flows) {
            Canary c = Sites.pick(r, canaries);
            List<Draft> more = switch (r.nextInt(4)) {
                case 0 -> List.of(scenes.decoy(Sites.pick(r, DECOY_KINDS), c));
                case 1 -> c.type() == CanaryType.URL || c.type() == CanaryType.SEARCH
                        ? scenes.visit(c) : List.of(scenes.leak(c));
                default -> List.of(scenes.leak(c));
            };
            story.add(more);
            total += more.size();
        }
        Collections.shuffle(story, r);
        List<Draft> out = new ArrayList<>();
        for (List<Draft> scene : story) {
            out.addAll(scene);
        }
        return out.subList(0, flows);
    }

    private static Corpus assemble(long seed, Random r, List<Canary> canaries, List<Draft> drafts) {
        int n = drafts.size();
        Instant[] times = new Instant[n];
        Instant t = START;
        for (int i = 0; i < n; i++) {
            // At least a second apart, so a session edge half a second off a flow never touches a neighbour.
            t = t.plusMillis(1000 + r.nextInt(5000));
            times[i] = t;
        }
        List<Session> sessions = new ArrayList<>();
        Session incognito = null;
        if (n >= 3) {
            int first = n / 3;
            int last = Math.max(first, 2 * n / 3 - 1);
            incognito = new Session(INCOGNITO, times[first].minusMillis(500), times[last].plusMillis(500));
            sessions.add(incognito);
        }
        Map<String, String> ips = new LinkedHashMap<>();
        List<Exchange> exchanges = new ArrayList<>();
        List<TruthRow> truth = new ArrayList<>();
        List<Decoy> decoys = new ArrayList<>();
        List<FlowInfo> flows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Draft d = drafts.get(i);
            Planted p = d.request();
            String host = Sites.host(p.url());
            String ip = ips.computeIfAbsent(host, h -> testNetAddress(ips.size()));
            exchanges.add(ExchangeBuilder.request(p.method(), p.url()).headers(p.headers()).body(p.body())
                    .time(times[i]).serverIp(ip).origin("entry " + i)
                    .response(200, d.responseType(), d.responseBody()).build());
            for (Draft.Row row : d.rows()) {
                truth.add(new TruthRow(i, row.canary(), row.verdict(), row.carrier(), row.chain()));
            }
            if (d.decoy() != null) {
                decoys.add(new Decoy(i, d.decoy().kind(), d.decoy().imitates(), d.decoy().value()));
            }
            flows.add(new FlowInfo(i, d.scene(), incognito != null && incognito.contains(times[i]) ? INCOGNITO : null));
        }
        return new Corpus(seed, exchanges, new CanaryFile(canaries, sessions), truth, decoys, flows);
    }

    /** Addresses from the documentation ranges (RFC 5737): they belong to nobody. */
    private static String testNetAddress(int k) {
        String[] nets = {"192.0.2.", "198.51.100.", "203.0.113."};
        return nets[k / 250 % 3] + (1 + k % 250);
    }
}
