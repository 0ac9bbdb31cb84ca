package org.telltale.apk.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.telltale.api.scan.TrackerHit;
import org.telltale.api.scan.TrackerHit.Reach;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeMethod;
import org.telltale.apk.code.MethodRef;
import org.telltale.apk.manifest.AppManifest;
import org.telltale.apk.trackers.ClassSignatureMatcher;
import org.telltale.apk.trackers.Tracker;

/**
 * Finds the tracker SDKs an app's classes belong to and says how far the app's code goes to each:
 * present, named by the app's own code, or reachable from a component the system starts.
 *
 * <p>"The app's own code" is every class under the manifest's package name that no tracker signature
 * matches. Without a manifest (a JAR, an AAR, an app bundle) there is no own code and no entry point,
 * so every tracker found is only present.
 */
final class TrackerFinder {
    /** How many classes, callers and the like a hit lists as evidence. */
    static final int SAMPLE = 10;

    private final ClassSignatureMatcher matcher;

    TrackerFinder(ClassSignatureMatcher matcher) {
        this.matcher = matcher;
    }

    /** The class → tracker index map of an app: one pass of the automaton per class name. */
    Map<String, Integer> trackerClasses(CodeIndex index) {
        Map<String, Integer> byClass = new HashMap<>();
        for (CodeClass c : index.all()) {
            int[] first = {-1};
            matcher.match(c.name(), t -> {
                if (first[0] < 0) {
                    first[0] = t;
                }
            });
            if (first[0] >= 0) {
                byClass.put(c.name(), first[0]);
            }
        }
        return byClass;
    }

    List<TrackerHit> find(AppContents app, Map<String, Integer> trackerOf, Map<Integer, Set<String>> hostsOf) {
        Map<Integer, TreeSet<String>> classesOf = new HashMap<>();
        trackerOf.forEach((name, t) -> classesOf.computeIfAbsent(t, k -> new TreeSet<>()).add(name));
        AppManifest manifest = app.manifest;
        String ownPrefix = manifest == null || manifest.packageName() == null ? null : manifest.packageName() + ".";
        Map<Integer, Set<String>> callers = new HashMap<>();
        if (ownPrefix != null) {
            for (CodeClass c : app.index.all()) {
                if (c.name().startsWith(ownPrefix) && !trackerOf.containsKey(c.name())) {
                    collectCallers(c, trackerOf, callers);
                }
            }
        }
        Map<String, String> reached = manifest == null ? Map.of() : app.index.reachableFrom(manifest.entryPoints());
        List<TrackerHit> hits = new ArrayList<>();
        for (Map.Entry<Integer, TreeSet<String>> e : classesOf.entrySet()) {
            Tracker tracker = matcher.tracker(e.getKey());
            TreeSet<String> classes = e.getValue();
            List<String> path = shortestChain(reached, classes);
            Set<String> calledFrom = callers.getOrDefault(e.getKey(), Set.of());
            Reach reach = !path.isEmpty() ? Reach.REACHABLE : !calledFrom.isEmpty() ? Reach.REFERENCED : Reach.PRESENT;
            hits.add(new TrackerHit(tracker.key(), tracker.name(), tracker.categories(),
                    tracker.website() == null || tracker.website().isEmpty() ? null : tracker.website(), reach,
                    classes.size(), classes.stream().limit(SAMPLE).toList(),
                    calledFrom.stream().sorted().limit(SAMPLE).toList(), path,
                    List.copyOf(new TreeSet<>(hostsOf.getOrDefault(e.getKey(), Set.of())))));
        }
        hits.sort(Comparator.comparing(TrackerHit::reach).reversed().thenComparing(TrackerHit::name));
        return hits;
    }

    private static void collectCallers(CodeClass c, Map<String, Integer> trackerOf, Map<Integer, Set<String>> callers) {
        for (CodeMethod m : c.methods()) {
            String place = c.name() + "." + m.name();
            for (MethodRef call : m.calls()) {
                Integer t = trackerOf.get(call.owner());
                if (t != null) {
                    callers.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(place + " calls " + call.owner() + "." + call.name());
                }
            }
            for (String ref : m.classRefs()) {
                Integer t = trackerOf.get(ref);
                if (t != null) {
                    callers.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(place + " names " + ref);
                }
            }
        }
        for (String parent : superTypes(c)) {
            Integer t = trackerOf.get(parent);
            if (t != null) {
                callers.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(c.name() + " extends " + parent);
            }
        }
    }

    private static List<String> superTypes(CodeClass c) {
        List<String> out = new ArrayList<>(c.interfaces());
        if (c.superName() != null) {
            out.add(c.superName());
        }
        return out;
    }

    private static List<String> shortestChain(Map<String, String> reached, Set<String> classes) {
        List<String> best = List.of();
        for (String c : classes) {
            if (reached.containsKey(c)) {
                List<String> chain = CodeIndex.chain(reached, c);
                if (best.isEmpty() || chain.size() < best.size()) {
                    best = chain;
                }
            }
        }
        return best;
    }
}
