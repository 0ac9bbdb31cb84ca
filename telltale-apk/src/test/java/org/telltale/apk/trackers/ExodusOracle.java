package org.telltale.apk.trackers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.telltale.testkit.Oracles;

/**
 * Runs one of the Python scripts that re-state Exodus's regex matching ({@code exodus_oracle.py} for
 * class names, {@code exodus_network_oracle.py} for hosts) over the bundled Exodus list, and reads its
 * answer: one line per name, the name, a tab and the ids of the trackers found.
 */
final class ExodusOracle {
    private ExodusOracle() {
    }

    /** The script's answer: name to tracker ids. Skips the test without python3. */
    static Map<String, Set<String>> run(Path work, String script, Path... inputs) throws IOException, InterruptedException {
        Oracles.need("python3");
        List<String> command = new ArrayList<>(List.of("python3", resource(script).toString(),
                resource(TrackerCatalogue.EXODUS_FILE).toString()));
        for (Path p : inputs) {
            command.add(p.toString());
        }
        Path out = Files.createTempFile(work, "oracle", ".tsv");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor()).as(script + " exit").isZero();
        Map<String, Set<String>> result = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            String ids = line.substring(tab + 1);
            result.put(line.substring(0, tab), ids.isEmpty() ? Set.of() : new TreeSet<>(List.of(ids.split(","))));
        }
        return result;
    }

    /** A file beside the trackers in the test or main resources. */
    static Path resource(String name) {
        try {
            return Path.of(ExodusOracle.class.getResource("/org/telltale/apk/trackers/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
