package org.telltale.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import org.telltale.batch.CaptureAnalysis;

/**
 * Packs captures into partitions of about equal bytes: Spark pays a fixed cost per task, so thousands
 * of small captures one per task would spend more time scheduling than analysing. Largest first, each
 * into the lightest partition so far (longest-processing-time first); a capture larger than the target
 * gets a partition of its own. At least as many partitions as the cluster has cores, so none idles.
 */
final class Packing {
    private Packing() {
    }

    /**
     * @param targetBytes about how many bytes of captures one partition should hold
     * @param minParts    the fewest partitions wanted (the cluster's cores), when there are captures enough
     */
    static List<List<CaptureAnalysis.Task>> pack(List<CaptureAnalysis.Task> tasks, long targetBytes, int minParts) {
        long total = tasks.stream().mapToLong(CaptureAnalysis.Task::size).sum();
        int parts = (int) Math.min(tasks.size(), Math.max(minParts, (total + targetBytes - 1) / Math.max(1, targetBytes)));
        List<List<CaptureAnalysis.Task>> bins = new ArrayList<>();
        if (parts == 0) {
            return bins;
        }
        PriorityQueue<Bin> lightest = new PriorityQueue<>(Comparator.comparingLong((Bin b) -> b.bytes).thenComparingInt(b -> b.index));
        for (int i = 0; i < parts; i++) {
            Bin b = new Bin(i);
            bins.add(b.tasks);
            lightest.add(b);
        }
        List<CaptureAnalysis.Task> bySize = new ArrayList<>(tasks);
        bySize.sort(Comparator.comparingLong(CaptureAnalysis.Task::size).reversed().thenComparing(CaptureAnalysis.Task::input));
        for (CaptureAnalysis.Task t : bySize) {
            Bin b = lightest.poll();
            b.tasks.add(t);
            b.bytes += t.size();
            lightest.add(b);
        }
        return bins;
    }

    private static final class Bin {
        final int index;
        final List<CaptureAnalysis.Task> tasks = new ArrayList<>();
        long bytes;

        Bin(int index) {
            this.index = index;
        }
    }
}
