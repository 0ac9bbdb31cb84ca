package org.telltale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;

import org.telltale.apk.scan.AppScanner;
import org.telltale.apk.scan.ScanInputs;

/**
 * The inputs of {@code scan} and {@code compare}, read app by app into a temporary folder deleted at
 * the end: each problem (an input, or one app inside a folder or image) is one line on standard error
 * while the rest is still read, and the exit code says whether any was met (2) or memory ran out (3).
 */
final class AppInputs implements AutoCloseable {
    private final PrintWriter err;
    private final Path temp;
    private final ScanInputs reader;
    private boolean bad;
    private boolean outOfMemory;

    AppInputs(AppScanner scanner, PrintWriter err, String tempPrefix) throws IOException {
        this.err = err;
        this.temp = Files.createTempDirectory(tempPrefix);
        this.reader = new ScanInputs(scanner, temp, new PartitionProgress(err), (place, reason) -> problem(place, reason));
    }

    /** Reads one input, giving each app to the sink; a problem is said and the next input is still read. */
    void scan(Path input, ScanInputs.Sink sink) {
        try {
            reader.scan(input, sink);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            problem(input.toString(), oneLine(e));
            outOfMemory |= isOutOfMemory(e);
        }
    }

    /** Says a problem met outside the inputs themselves (the case could not be written). */
    void problem(String place, String reason) {
        err.println(place.isEmpty() ? reason : place + ": " + reason);
        bad = true;
    }

    int exitCode() {
        err.flush();
        return outOfMemory ? Main.OUT_OF_MEMORY : bad ? Main.BAD_INPUT : 0;
    }

    @Override
    public void close() throws IOException {
        if (Files.exists(temp)) {
            MoreFiles.deleteRecursively(temp, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }

    private static boolean isOutOfMemory(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong, on one line; running out of memory says how to give more. */
    private static String oneLine(Throwable e) {
        Throwable cause = e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof OutOfMemoryError) {
            return "out of memory (the heap is " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB; set TELLTALE_JAVA_OPTS=-Xmx... for more); what was scanned before is kept";
        }
        String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
