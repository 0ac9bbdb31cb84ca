package org.telltale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.telltale.core.canary.CanaryFileException;
import org.telltale.core.canary.CanaryFiles;
import org.telltale.report.Terminal;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;

/**
 * The case {@code analyze --format html} makes of its captures in a temporary folder, so the report
 * can rebuild each finding's layers from the stored exchanges, as {@code report} does; deleted after.
 */
final class HtmlCase {
    private final Path dir;
    private final Path file;
    private final String name;
    private final boolean badInput;

    private HtmlCase(Path dir, Path file, String name, boolean badInput) {
        this.dir = dir;
        this.file = file;
        this.name = name;
        this.badInput = badInput;
    }

    /**
     * Imports the captures; what a damaged capture held up to the damage is kept, and said.
     *
     * @return the case, or null when it could not be made (said on err)
     */
    static HtmlCase importing(List<Path> captures, Path canaryFile, String inputFormat, boolean progress, PrintWriter err)
            throws IOException {
        Path dir = Files.createTempDirectory("telltale-html-");
        Path file = dir.resolve("capture.case");
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        int code = 0;
        try (CaseFile c = CaseFile.openOrCreate(file)) {
            if (canaryFile != null) {
                byte[] content = Files.readAllBytes(canaryFile);
                c.canarySets().choose(canaryFile.toString(), content, CanaryFiles.parse(content, canaryFile.toString()));
            }
            CaptureImporter importer = new CaptureImporter(c, false, inputFormat, progress, quiet, err, false);
            for (Path p : captures) {
                code = Math.max(code, importer.importPath(p));
            }
        } catch (CaseFileException | CanaryFileException e) {
            err.println("telltale: " + Terminal.safe(e.getMessage()));
            delete(new HtmlCase(dir, file, null, true));
            return null;
        } catch (IOException | RuntimeException | Error e) {
            delete(new HtmlCase(dir, file, null, true));
            throw e;
        }
        String name = captures.stream().map(p -> String.valueOf(p.getFileName())).collect(Collectors.joining(", "));
        return new HtmlCase(dir, file, name, code != 0);
    }

    Path file() {
        return file;
    }

    /** The captures' names, which the report is about. */
    String name() {
        return name;
    }

    /** Whether a capture could not be read to its end (said already). */
    boolean badInput() {
        return badInput;
    }

    static void delete(HtmlCase c) {
        if (c == null) {
            return;
        }
        try (var files = Files.list(c.dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(c.dir);
        } catch (IOException e) {
            // a temporary folder left behind is all that remains
        }
    }
}
