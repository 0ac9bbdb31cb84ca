package org.telltale.cli;

import java.io.PrintStream;
import java.util.function.LongConsumer;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error while a large capture is read, only when a person is watching
 * (a terminal), so that scripts and CI logs stay clean.
 */
final class ProgressDisplay implements AutoCloseable {
    /** Smaller files read too fast for a bar to help. */
    static final long MIN_BYTES = 32L << 20;

    private final ProgressBar bar;

    private ProgressDisplay(String task, long totalBytes, PrintStream out) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes / (1 << 20))
                .setUnit(" MiB", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    /** A display for one file, or null when no bar should be shown. */
    static ProgressDisplay forFile(String name, long totalBytes, boolean wanted) {
        if (!wanted || totalBytes < MIN_BYTES || System.console() == null) {
            return null;
        }
        return new ProgressDisplay("Reading " + name, totalBytes, System.err);
    }

    /** Takes the number of bytes read so far. */
    LongConsumer listener() {
        return bytes -> bar.stepTo(bytes >> 20);
    }

    @Override
    public void close() {
        bar.close();
    }
}
