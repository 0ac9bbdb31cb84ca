package org.telltale.testkit.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.Canary;
import org.telltale.api.CanaryFile;
import org.telltale.testkit.CanaryFileWriter;
import org.telltale.testkit.corpus.Corpus;
import org.telltale.testkit.corpus.LeakCorpus;

/**
 * A folder of many small generated captures, as a batch run meets them: HAR files in a few sub-folders,
 * every few of them with its own canary file beside it ({@code CAPTURE.canaries.yaml} or {@code .json}),
 * the others to be analysed with one canary file for all. The same seed gives the same folder.
 */
public final class CaptureFolder {
    private CaptureFolder() {
    }

    /** For benchmarks: {@code CaptureFolder DIR SEED COUNT FLOWS_EACH OWN_EVERY}. */
    public static void main(String[] args) throws IOException {
        List<Capture> written = write(Path.of(args[0]), Long.parseLong(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        System.out.println(written.size() + " captures in " + args[0]);
    }

    /**
     * A generated capture.
     *
     * @param har      the capture
     * @param canaries the canary file that applies to it: its own beside it, or the one for all
     * @param own      whether the canary file is its own
     */
    public record Capture(Path har, Path canaries, boolean own) {
    }

    /**
     * Writes count captures under dir, and the canary file for all (the canaries of every capture without
     * its own, each id prefixed with the capture's number) as dir/../all.canaries.yaml.
     *
     * @param ownEvery every how many captures has its own canary file (0 for none)
     */
    public static List<Capture> write(Path dir, long seed, int count, int flowsEach, int ownEvery) throws IOException {
        Files.createDirectories(dir);
        Path all = dir.resolveSibling("all.canaries.yaml");
        List<Canary> union = new ArrayList<>();
        List<Capture> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path folder = Files.createDirectories(dir.resolve("device-" + (i % 7)));
            Path har = folder.resolve(String.format("capture-%04d.har", i));
            boolean own = ownEvery > 0 && i % ownEvery == 0;
            Corpus c = LeakCorpus.generate(seed * 100_000 + i, flowsEach, 4);
            c.writeHar(har);
            if (own) {
                Path canaries = c.writeCanaries(folder.resolve(har.getFileName() + (i % 2 == 0 ? ".canaries.yaml"
                        : ".canaries.json")));
                out.add(new Capture(har, canaries, true));
            } else {
                for (Canary k : c.canaries().canaries()) {
                    union.add(new Canary("c" + i + "-" + k.id(), k.type(), k.value(), k.expected()));
                }
                out.add(new Capture(har, all, false));
            }
        }
        new CanaryFileWriter().write(new CanaryFile(union, List.of()), all);
        return out;
    }
}
