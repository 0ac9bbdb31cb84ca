package org.telltale.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.batch.CaptureAnalysis;

/** Packing over seeded random sizes: every capture once, enough partitions, none much heavier than it must be. */
class PackingTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void everyCaptureIsInExactlyOnePartitionAndThePartitionsAreAboutEven(long seed) {
        Random r = new Random(seed);
        List<CaptureAnalysis.Task> tasks = new ArrayList<>();
        int n = 1 + r.nextInt(2_000);
        for (int i = 0; i < n; i++) {
            long size = r.nextInt(10) == 0 ? r.nextInt(200 << 20) : r.nextInt(200 << 10);
            tasks.add(new CaptureAnalysis.Task("in/" + i, i + ".har", size, null, "d"));
        }
        long target = 32L << 20;

        List<List<CaptureAnalysis.Task>> bins = Packing.pack(tasks, target, 4);

        assertThat(bins.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(tasks);
        assertThat(bins.size()).isGreaterThanOrEqualTo(Math.min(4, n));
        long largest = tasks.stream().mapToLong(CaptureAnalysis.Task::size).max().orElse(0);
        long total = tasks.stream().mapToLong(CaptureAnalysis.Task::size).sum();
        long heaviest = bins.stream().mapToLong(b -> b.stream().mapToLong(CaptureAnalysis.Task::size).sum()).max().orElse(0);
        // Longest-processing-time first: no partition exceeds the mean by more than the largest capture.
        assertThat(heaviest).isLessThanOrEqualTo(total / bins.size() + largest);
    }
}
