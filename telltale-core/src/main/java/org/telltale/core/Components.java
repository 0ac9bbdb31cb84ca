package org.telltale.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

import org.telltale.api.Canary;
import org.telltale.api.Decoder;
import org.telltale.api.Detector;
import org.telltale.core.cross.IdTokens;
import org.telltale.core.cross.LearnedValue;
import org.telltale.core.decode.Decoders;
import org.telltale.core.detect.CanaryMatcher;
import org.telltale.core.detect.Detectors;

/**
 * The decoders and detectors an engine can use, by name: the built-in lists first, then those that
 * plug-in jars on the class path declare through {@link ServiceLoader} (jadx's rule: a built-in
 * format uses the same interface a plug-in would). A plug-in cannot replace a built-in of the same
 * name; it is ignored, so a spec's names always mean the same code.
 *
 * <p>Plug-ins are looked up through a class loader: by default the thread's context class loader, as
 * {@link ServiceLoader#load(Class)} does; the overloads that take one let a host load plug-in jars
 * of its own (a {@code URLClassLoader} over a plug-in directory) without changing the class path.
 */
public final class Components {
    /** The name of the canary matcher, which is built from the canaries rather than listed. */
    public static final String CANARY = "canary";
    /** The matcher of what a first pass learned, built from the spec's learned values and listed only when there are some. */
    public static final String LEARNED = "learned";

    private Components() {
    }

    /** Every decoder name, built-ins first, plug-ins from the context class loader after them. */
    public static List<String> decoderNames() {
        return decoderNames(contextLoader());
    }

    /** Every decoder name, built-ins first, then the plug-ins the given class loader finds. */
    public static List<String> decoderNames(ClassLoader plugins) {
        return List.copyOf(decoders(plugins).keySet());
    }

    /** Every detector name, the canary matcher first, plug-ins from the context class loader last. */
    public static List<String> detectorNames() {
        return detectorNames(contextLoader());
    }

    /** Every detector name, the canary matcher first, then built-ins, then the plug-ins the loader finds. */
    public static List<String> detectorNames(ClassLoader plugins) {
        List<String> names = new ArrayList<>();
        names.add(CANARY);
        names.addAll(detectors(plugins).keySet());
        return List.copyOf(names);
    }

    /** The named decoders, in the given order; an unknown name is refused. */
    static List<Decoder> decoders(List<String> names, ClassLoader plugins) {
        return pick(decoders(plugins), names, "decoder");
    }

    /**
     * The named detectors, in the given order; "canary" becomes a matcher of these canaries, "learned" a
     * matcher of the learned values, "id_token" the finder of identifier-shaped values a first pass uses.
     */
    static List<Detector> detectors(List<String> names, List<Canary> canaries, List<LearnedValue> learned,
                                    ClassLoader plugins) {
        Map<String, Detector> known = new LinkedHashMap<>(detectors(plugins));
        known.put(CANARY, new CanaryMatcher(canaries));
        if (names.contains(LEARNED)) {
            known.put(LEARNED, CanaryMatcher.of(LEARNED, learned.stream().map(LearnedValue::target).toList()));
        }
        if (names.contains(IdTokens.NAME)) {
            known.put(IdTokens.NAME, new IdTokens());
        }
        return pick(known, names, "detector");
    }

    /**
     * The class loader {@link ServiceLoader#load(Class)} uses, so the overloads without one behave
     * exactly as that method does (a null context loader means the system class loader there too).
     */
    static ClassLoader contextLoader() {
        return Thread.currentThread().getContextClassLoader();
    }

    private static Map<String, Decoder> decoders(ClassLoader plugins) {
        return byName(Decoders.builtIn(), ServiceLoader.load(Decoder.class, plugins), Decoder::name);
    }

    private static Map<String, Detector> detectors(ClassLoader plugins) {
        return byName(Detectors.builtIn(), ServiceLoader.load(Detector.class, plugins), Detector::name);
    }

    private static <T> Map<String, T> byName(List<T> builtIn, Iterable<T> plugins, Function<T, String> name) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T t : builtIn) {
            out.put(name.apply(t), t);
        }
        for (T t : plugins) {
            out.putIfAbsent(name.apply(t), t);
        }
        return out;
    }

    private static <T> List<T> pick(Map<String, T> known, List<String> names, String what) {
        List<T> out = new ArrayList<>(names.size());
        for (String n : names) {
            T t = known.get(n);
            if (t == null) {
                throw new IllegalArgumentException("no " + what + " named '" + n + "' (known: " + known.keySet() + ")");
            }
            out.add(t);
        }
        return out;
    }
}
