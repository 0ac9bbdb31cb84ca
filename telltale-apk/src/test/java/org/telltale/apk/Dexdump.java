package org.telltale.apk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.telltale.testkit.Oracles;

/**
 * Debian's {@code dexdump} run over the DEX files of an APK, and the real APKs from npm in the test
 * resources ({@code apk/}, see its README): the oracle the tracker and endpoint tests read class names
 * and string constants from.
 */
public final class Dexdump {
    private static final Pattern DEX = Pattern.compile("classes\\d*\\.dex");

    private Dexdump() {
    }

    /** Every APK in {@code src/test/resources/apk} (from npm, no tracker SDK in them), by name. */
    public static List<Path> npmApks() {
        try {
            Path dir = Path.of(Dexdump.class.getResource("/apk").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".apk")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classes the APK's DEX files define, dotted, as dexdump's "Class descriptor" lines name them. */
    public static List<String> classes(Path apk, Path work) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (String line : lines(run(apk, work))) {
            String l = line.strip();
            if (l.startsWith("Class descriptor") && l.contains("'L")) {
                names.add(l.substring(l.indexOf("'L") + 2, l.lastIndexOf(';')).replace('/', '.'));
            }
        }
        return names;
    }

    /** The lines of dexdump's output, which is not always valid UTF-8 (MUTF-8 escapes): bad bytes become U+FFFD. */
    public static List<String> lines(Path dexdumpOutput) throws IOException {
        return new String(Files.readAllBytes(dexdumpOutput), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * Runs {@code dexdump} with the given options over every {@code classes*.dex} of the APK, extracted
     * into {@code work}, and returns the file its output went to. Skips the test without dexdump.
     */
    public static Path run(Path apk, Path work, String... options) throws IOException, InterruptedException {
        Oracles.need("dexdump");
        Path dir = Files.createDirectories(work.resolve(apk.getFileName() + ".dex"));
        List<String> command = new ArrayList<>(List.of("dexdump"));
        command.addAll(List.of(options));
        try (ZipFile zip = new ZipFile(apk.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                if (DEX.matcher(e.getName()).matches()) {
                    Path out = dir.resolve(e.getName());
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, out);
                    }
                    command.add(out.toString());
                }
            }
        }
        Path output = work.resolve(apk.getFileName() + String.join("", options) + ".dexdump.txt");
        Process p = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("dexdump failed on " + apk + ": exit " + p.exitValue());
        }
        return output;
    }
}
