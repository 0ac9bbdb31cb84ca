package org.telltale.testkit.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.telltale.api.CanaryFile;
import org.telltale.api.Exchange;
import org.telltale.testkit.CanaryFileWriter;
import org.telltale.testkit.HarWriter;

/**
 * One generated corpus: the traffic, the canary file, and what a correct analysis must say.
 *
 * @param seed      the seed it was made from; the same seed and sizes give the same corpus
 * @param exchanges the flows, in HAR entry order
 * @param canaries  the canaries and the marked sessions
 * @param truth     every (flow, canary) pair a correct analysis reports, as a leak or as expected
 * @param decoys    the flows made to look like leaks that are not
 * @param flows     what each flow stands for and the session it falls in, by index
 */
public record Corpus(long seed, List<Exchange> exchanges, CanaryFile canaries, List<TruthRow> truth,
                     List<Decoy> decoys, List<FlowInfo> flows) {
    public Corpus {
        exchanges = List.copyOf(exchanges);
        truth = List.copyOf(truth);
        decoys = List.copyOf(decoys);
        flows = List.copyOf(flows);
    }

    /** The rows a correct analysis reports as findings. */
    public List<TruthRow> leaks() {
        return truth.stream().filter(t -> t.verdict() == Verdict.LEAK).toList();
    }

    /** The rows a correct analysis lists under "expected". */
    public List<TruthRow> expected() {
        return truth.stream().filter(t -> t.verdict() == Verdict.EXPECTED).toList();
    }

    /** Writes the traffic as a HAR 1.2 file. */
    public Path writeHar(Path file) throws IOException {
        new HarWriter().write(exchanges, file);
        return file;
    }

    /** Writes the canary file, YAML or JSON by the file name's extension. */
    public Path writeCanaries(Path file) throws IOException {
        new CanaryFileWriter().write(canaries, file);
        return file;
    }
}
