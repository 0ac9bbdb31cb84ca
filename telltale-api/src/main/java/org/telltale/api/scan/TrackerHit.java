package org.telltale.api.scan;

import java.util.List;

/**
 * A tracker SDK whose classes an app carries, with the evidence a person can check.
 *
 * @param id            the tracker's id in its list ("exodus:70", "telltale:miui-analytics")
 * @param name          its name ("Sensors Analytics")
 * @param categories    what it does, as its list says
 * @param website       its maker's site, or null
 * @param reach         how far the app's code goes to it
 * @param classes       how many of the app's classes match its signatures
 * @param sampleClasses up to ten of those classes, sorted
 * @param callers       up to ten places in the app's own code that call or name it ("com.app.Main.onCreate")
 * @param path          for {@link Reach#REACHABLE}, one chain of classes from a manifest component to it
 * @param endpoints     the hosts its classes name, or that its network signatures match, sorted
 */
public record TrackerHit(String id, String name, List<String> categories, String website, Reach reach, int classes,
                         List<String> sampleClasses, List<String> callers, List<String> path, List<String> endpoints) {
    public TrackerHit {
        categories = List.copyOf(categories);
        sampleClasses = List.copyOf(sampleClasses);
        callers = List.copyOf(callers);
        path = List.copyOf(path);
        endpoints = List.copyOf(endpoints);
    }

    /** How far the app's code goes to a tracker's classes; later constants say more. */
    public enum Reach {
        /** The classes are in the app; nothing of the app's own names them. */
        PRESENT,
        /** The app's own code (its package) names or calls them. */
        REFERENCED,
        /** A chain of calls and references from a component the system starts reaches them. */
        REACHABLE
    }
}
