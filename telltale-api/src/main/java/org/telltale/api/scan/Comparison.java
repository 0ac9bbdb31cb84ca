package org.telltale.api.scan;

import java.util.List;

/**
 * What several images (or apps) have in common: the same apps, the same tracking code (renamed or
 * not, in apps of the same name or not) and the same servers.
 *
 * @param images each image scanned, in the order given
 * @param pairs  every pair of images, in the order given
 */
public record Comparison(List<ImageSummary> images, List<ImagePair> pairs) {
    public Comparison {
        images = List.copyOf(images);
        pairs = List.copyOf(pairs);
    }

    /**
     * One image.
     *
     * @param image     the file as given
     * @param apps      apps scanned in it
     * @param classes   classes read in all of them
     * @param trackers  the names of the trackers found in its apps, sorted
     * @param endpoints distinct hosts its apps name
     * @param notes     what a reader must know (apps whose code is elsewhere, damaged parts)
     */
    public record ImageSummary(String image, int apps, int classes, List<String> trackers, int endpoints,
                               List<String> notes) {
        public ImageSummary {
            trackers = List.copyOf(trackers);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Two images side by side.
     *
     * @param a               the first image
     * @param b               the second
     * @param sameApps        apps with the same package name in both, with whether the same key signed them
     * @param sharedCode      tracking code found in both, per tracker, by class fingerprint
     * @param sharedEndpoints hosts named by apps of both, sorted
     */
    public record ImagePair(String a, String b, List<SameApp> sameApps, List<SharedCode> sharedCode,
                            List<String> sharedEndpoints) {
        public ImagePair {
            sameApps = List.copyOf(sameApps);
            sharedCode = List.copyOf(sharedCode);
            sharedEndpoints = List.copyOf(sharedEndpoints);
        }
    }

    /**
     * An app both images carry.
     *
     * @param packageName   its package name
     * @param fileA         its file in the first image
     * @param fileB         its file in the second
     * @param sameSigner    whether the first signer's certificate is the same
     * @param sharedClasses classes (with enough code to tell) whose fingerprints are in both
     * @param classesA      such classes in the first
     * @param classesB      such classes in the second
     */
    public record SameApp(String packageName, String fileA, String fileB, boolean sameSigner, int sharedClasses,
                          int classesA, int classesB) {
    }

    /**
     * One tracker's code found in both images.
     *
     * @param tracker     the tracker's id
     * @param trackerName its name
     * @param classes     classes of it matched across the two
     * @param renamed     how many of those have another name on one side (renamed, obfuscated)
     * @param otherApps   how many of those sit in apps of different package names
     * @param samples     up to ten matched classes
     */
    public record SharedCode(String tracker, String trackerName, int classes, int renamed, int otherApps,
                             List<ClassMatch> samples) {
        public SharedCode {
            samples = List.copyOf(samples);
        }
    }

    /**
     * A class in one image whose code is the same as a class in the other.
     *
     * @param appA   the app of the first image that holds it
     * @param classA its name there
     * @param appB   the app of the second
     * @param classB its name there
     */
    public record ClassMatch(String appA, String classA, String appB, String classB) {
    }
}
