package org.telltale.apk.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.telltale.api.scan.AppScan;
import org.telltale.api.scan.CodeEndpoint;
import org.telltale.api.scan.Comparison.ImageSummary;
import org.telltale.api.scan.TrackerHit;
import org.telltale.apk.code.ClassPrints;
import org.telltale.apk.scan.ScannedApp;

/**
 * What {@link ImageComparer} keeps of one image's apps: their identities, each class with enough code
 * to tell (its app, name, method fingerprints and tracker, if any), the class each method fingerprint
 * was first seen in, and the hosts named. The scans themselves are not kept, so an image of thousands
 * of apps costs a few numbers per method.
 */
final class ImageIndex {
    /** One app of the image. */
    record App(String file, String packageName, String signer) {
    }

    /** One class with enough code to tell. */
    record Entry(int app, String name, long[] prints, String tracker) {
    }

    final String image;
    final List<App> apps = new ArrayList<>();
    final List<Entry> classes = new ArrayList<>();
    /** Method fingerprint → the first class (index into {@link #classes}) that has it. */
    final Map<Long, Integer> ownerOf = new HashMap<>();
    /**
     * Per app, method fingerprint → its first class in that app: the same SDK in two apps of an image
     * is the same code, and an app must be matched with its own copy, not the first app's.
     */
    private final List<Map<Long, Integer>> ownerInApp = new ArrayList<>();
    /**
     * Method fingerprints found in classes of different code in this image: boilerplate every class
     * of a kind has ({@code values()} and {@code valueOf} of each enum), which tells nothing about which
     * class is which. The same SDK class in two apps is the same code and does not make its prints common.
     */
    final java.util.Set<Long> common = new java.util.HashSet<>();
    private final Map<Long, Integer> firstClassCode = new HashMap<>();
    final Map<String, String> trackerNames = new HashMap<>();
    final TreeSet<String> hosts = new TreeSet<>();
    final List<String> notes = new ArrayList<>();
    int classCount;

    ImageIndex(String image) {
        this.image = image;
    }

    void add(ScannedApp scanned) {
        AppScan scan = scanned.scan();
        int appIndex = apps.size();
        apps.add(new App(scan.file(), scan.app().packageName(), scan.signing().firstCertificate()));
        Map<Long, Integer> inApp = new HashMap<>();
        ownerInApp.add(inApp);
        scanned.prints().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int id = classes.size();
            classes.add(new Entry(appIndex, e.getKey(), e.getValue(), scanned.trackerOf().get(e.getKey())));
            int code = java.util.Arrays.hashCode(e.getValue());
            for (long p : e.getValue()) {
                ownerOf.putIfAbsent(p, id);
                inApp.putIfAbsent(p, id);
                Integer first = firstClassCode.putIfAbsent(p, code);
                if (first != null && first != code) {
                    common.add(p);
                }
            }
        });
        for (TrackerHit hit : scan.trackers()) {
            trackerNames.put(hit.id(), hit.name());
        }
        for (CodeEndpoint e : scan.endpoints()) {
            hosts.add(e.host());
        }
        classCount += scan.code().classes();
        for (String note : scan.notes()) {
            notes.add(scan.file() + ": " + note);
        }
    }

    /**
     * The class of this image whose methods hold most of a class's distinctive prints (those common in
     * neither image), if it holds enough of them ({@link ClassPrints#needed}); else -1, also when the
     * class has too few distinctive prints to tell.
     */
    int match(long[] prints, ImageIndex from) {
        return match(prints, from, ownerOf);
    }

    private int match(long[] prints, ImageIndex from, Map<Long, Integer> owners) {
        long[] distinctive = java.util.Arrays.stream(prints)
                .filter(p -> !common.contains(p) && !from.common.contains(p)).toArray();
        if (distinctive.length < ClassPrints.MIN_METHODS) {
            return -1;
        }
        Map<Integer, Integer> votes = new HashMap<>();
        for (long p : distinctive) {
            Integer owner = owners.get(p);
            if (owner != null) {
                votes.merge(owner, 1, Integer::sum);
            }
        }
        int best = -1;
        int bestVotes = 0;
        int secondVotes = 0;
        for (Map.Entry<Integer, Integer> v : votes.entrySet()) {
            if (v.getValue() > bestVotes) {
                secondVotes = bestVotes;
                best = v.getKey();
                bestVotes = v.getValue();
            } else if (v.getValue() > secondVotes) {
                secondVotes = v.getValue();
            }
        }
        // Two classes as like it as each other (sibling anonymous classes) leave it undecided.
        return bestVotes >= ClassPrints.needed(distinctive) && bestVotes > secondVotes ? best : -1;
    }

    /**
     * The class of this image that is the same code as class {@code index} of {@code other}, each
     * being the other's best match; else -1. Asking both ways keeps a class from being paired with a
     * near twin when its own copy is there too.
     */
    int mutualMatch(ImageIndex other, int index) {
        return mutualMatch(other, index, ownerOf, other.ownerOf);
    }

    /**
     * As {@link #mutualMatch(ImageIndex, int)}, between one app of this image and the app of the class
     * in {@code other}: how the same app's copy of a class is found when other apps carry it too.
     */
    int mutualMatchInApp(ImageIndex other, int index, int app) {
        return mutualMatch(other, index, ownerInApp.get(app), other.ownerInApp.get(other.classes.get(index).app()));
    }

    private int mutualMatch(ImageIndex other, int index, Map<Long, Integer> here, Map<Long, Integer> there) {
        int m = match(other.classes.get(index).prints(), other, here);
        return m >= 0 && other.match(classes.get(m).prints(), this, there) == index ? m : -1;
    }

    ImageSummary summary() {
        return new ImageSummary(image, apps.size(), classCount, List.copyOf(new TreeSet<>(trackerNames.values())),
                hosts.size(), notes);
    }
}
