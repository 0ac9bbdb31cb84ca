package org.telltale.cli;

import java.io.PrintWriter;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.telltale.apk.firmware.FirmwareProgress;

/**
 * Progress through a firmware image, a bar per partition on standard error when a person is watching
 * (a terminal); otherwise one line per partition, so logs say what was read without bars.
 */
final class PartitionProgress implements FirmwareProgress {
    private final PrintWriter err;
    private ProgressBar bar;
    private long read;

    PartitionProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void partition(String name, long totalBytes) {
        read = 0;
        if (System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName("Reading " + name).setInitialMax(Math.max(1, totalBytes >> 20))
                    .setUnit(" MiB", 1).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        } else {
            err.println("reading partition " + name + " (" + (totalBytes >> 20) + " MiB)");
            err.flush();
        }
    }

    @Override
    public void advanced(long bytes) {
        read += bytes;
        if (bar != null) {
            bar.stepTo(read >> 20);
        }
    }

    @Override
    public void done(String name) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
