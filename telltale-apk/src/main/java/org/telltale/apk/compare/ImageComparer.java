package org.telltale.apk.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.telltale.api.scan.Comparison;
import org.telltale.api.scan.Comparison.ClassMatch;
import org.telltale.api.scan.Comparison.ImagePair;
import org.telltale.api.scan.Comparison.SameApp;
import org.telltale.api.scan.Comparison.SharedCode;
import org.telltale.apk.scan.ScannedApp;

/**
 * Compares images (or single apps) by what their code is, not what it is called. Apps are paired by
 * package name; classes are matched by their methods' fingerprints ({@code ClassPrints}), so a
 * tracker's classes are found in the other image under any name, in an app of any name. A class counts
 * as tracking code when tracker signatures matched it in either image: the one where its names
 * survived tells what it is.
 */
public final class ImageComparer {
    /** How many matched classes a shared tracker lists as evidence. */
    static final int SAMPLE = 10;

    private final List<ImageIndex> images = new ArrayList<>();

    /** Starts the next image; its apps follow through {@link #add}. */
    public void image(String name) {
        images.add(new ImageIndex(name));
    }

    /** Adds an app to the image started last. */
    public void add(ScannedApp app) {
        images.get(images.size() - 1).add(app);
    }

    public Comparison compare() {
        List<ImagePair> pairs = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            for (int j = i + 1; j < images.size(); j++) {
                pairs.add(pair(images.get(i), images.get(j)));
            }
        }
        return new Comparison(images.stream().map(ImageIndex::summary).toList(), pairs);
    }

    private static ImagePair pair(ImageIndex a, ImageIndex b) {
        TreeSet<String> sharedHosts = new TreeSet<>(a.hosts);
        sharedHosts.retainAll(b.hosts);
        return new ImagePair(a.image, b.image, sameApps(a, b), sharedCode(a, b), List.copyOf(sharedHosts));
    }

    /** Package name → the first app of the image with it. */
    private static Map<String, Integer> byPackage(ImageIndex image) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < image.apps.size(); i++) {
            if (image.apps.get(i).packageName() != null) {
                out.putIfAbsent(image.apps.get(i).packageName(), i);
            }
        }
        return out;
    }

    private static List<SameApp> sameApps(ImageIndex a, ImageIndex b) {
        Map<String, Integer> inB = byPackage(b);
        int[] classesA = perApp(a);
        int[] classesB = perApp(b);
        int[] shared = new int[a.apps.size()];
        for (int i = 0; i < a.classes.size(); i++) {
            ImageIndex.Entry c = a.classes.get(i);
            Integer other = inB.get(a.apps.get(c.app()).packageName());
            int m = other == null ? -1 : b.mutualMatchInApp(a, i, other);
            if (m >= 0) {
                shared[c.app()]++;
            }
        }
        List<SameApp> out = new ArrayList<>();
        for (int i = 0; i < a.apps.size(); i++) {
            ImageIndex.App app = a.apps.get(i);
            Integer other = app.packageName() == null ? null : inB.get(app.packageName());
            if (other != null) {
                ImageIndex.App o = b.apps.get(other);
                out.add(new SameApp(app.packageName(), app.file(), o.file(),
                        app.signer() != null && Objects.equals(app.signer(), o.signer()), shared[i], classesA[i],
                        classesB[other]));
            }
        }
        out.sort(Comparator.comparing(SameApp::packageName));
        return out;
    }

    private static int[] perApp(ImageIndex image) {
        int[] n = new int[image.apps.size()];
        for (ImageIndex.Entry c : image.classes) {
            n[c.app()]++;
        }
        return n;
    }

    /** Tracking code of either image matched in the other, per tracker; each pair of classes once. */
    private static List<SharedCode> sharedCode(ImageIndex a, ImageIndex b) {
        Map<String, ClassMatch> matches = new LinkedHashMap<>();
        Map<String, String> trackerOfMatch = new HashMap<>();
        Map<String, Integer> inA = byPackage(a);
        Map<String, Integer> inB = byPackage(b);
        for (int i = 0; i < a.classes.size(); i++) {
            ImageIndex.Entry c = a.classes.get(i);
            int m = c.tracker() == null ? -1 : matchPreferringSameApp(b, a, i, inB);
            if (m >= 0) {
                record(a, b, c, b.classes.get(m), c.tracker(), matches, trackerOfMatch);
            }
        }
        for (int i = 0; i < b.classes.size(); i++) {
            ImageIndex.Entry c = b.classes.get(i);
            int m = c.tracker() == null ? -1 : matchPreferringSameApp(a, b, i, inA);
            if (m >= 0) {
                record(a, b, a.classes.get(m), c, c.tracker(), matches, trackerOfMatch);
            }
        }
        Map<String, List<ClassMatch>> byTracker = new HashMap<>();
        matches.forEach((key, m) -> byTracker.computeIfAbsent(trackerOfMatch.get(key), k -> new ArrayList<>()).add(m));
        List<SharedCode> out = new ArrayList<>();
        byTracker.forEach((id, list) -> {
            list.sort(Comparator.comparing(ClassMatch::classA).thenComparing(ClassMatch::classB));
            int renamed = (int) list.stream().filter(m -> !m.classA().equals(m.classB())).count();
            int otherApps = (int) list.stream().filter(m -> !Objects.equals(packageOf(a, m.appA()), packageOf(b, m.appB())))
                    .count();
            String name = a.trackerNames.getOrDefault(id, b.trackerNames.getOrDefault(id, id));
            out.add(new SharedCode(id, name, list.size(), renamed, otherApps, list.subList(0, Math.min(SAMPLE, list.size()))));
        });
        out.sort(Comparator.comparing(SharedCode::classes).reversed().thenComparing(SharedCode::trackerName));
        return out;
    }

    /** The class of {@code in} that is class {@code index} of {@code from}: in the app of the same package if there, else in any. */
    private static int matchPreferringSameApp(ImageIndex in, ImageIndex from, int index, Map<String, Integer> appsOfIn) {
        Integer same = appsOfIn.get(from.apps.get(from.classes.get(index).app()).packageName());
        int m = same == null ? -1 : in.mutualMatchInApp(from, index, same);
        return m >= 0 ? m : in.mutualMatch(from, index);
    }

    private static void record(ImageIndex a, ImageIndex b, ImageIndex.Entry inA, ImageIndex.Entry inB, String tracker,
                               Map<String, ClassMatch> matches, Map<String, String> trackerOfMatch) {
        String appA = a.apps.get(inA.app()).file();
        String appB = b.apps.get(inB.app()).file();
        String key = appA + "\u0000" + inA.name() + "\u0000" + appB + "\u0000" + inB.name();
        if (matches.putIfAbsent(key, new ClassMatch(appA, inA.name(), appB, inB.name())) == null) {
            trackerOfMatch.put(key, tracker);
        }
    }

    private static String packageOf(ImageIndex image, String file) {
        for (ImageIndex.App app : image.apps) {
            if (app.file().equals(file)) {
                return app.packageName();
            }
        }
        return null;
    }
}
