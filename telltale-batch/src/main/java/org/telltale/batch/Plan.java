package org.telltale.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.telltale.api.CanaryFile;
import org.telltale.core.EngineSpec;
import org.telltale.core.canary.CanaryFileException;
import org.telltale.core.canary.CanaryFiles;

/**
 * What a batch run will analyse, worked out from a listing of files, whatever file system they are on:
 * every file that is not hidden ({@code .name}, {@code _SUCCESS}) and not a canary file is a capture;
 * a canary file named after a capture and beside it ({@code CAPTURE.canaries.yaml}, {@code .yml} or
 * {@code .json}) applies to that capture, the run's own ({@code --canaries}) to the others. Each
 * distinct canary file makes its own engine specification, named by its digest.
 *
 * @param tasks the captures, in the order of their paths
 * @param specs each specification in use, by its digest
 * @param bad   captures whose own canary file cannot be read, to the one-line reason; they are not analysed
 */
public record Plan(List<CaptureAnalysis.Task> tasks, Map<String, EngineSpec> specs, Map<String, String> bad) {
    /** The endings a canary file beside a capture may have, tried in this order. */
    public static final List<String> CANARY_SUFFIXES = List.of(".canaries.yaml", ".canaries.yml", ".canaries.json");

    /**
     * One file found under an input.
     *
     * @param path   how to open it (a local path or a URI)
     * @param folder the folder it is in, in the same form
     * @param name   its file name
     * @param size   its size in bytes
     */
    public record Listed(String path, String folder, String name, long size) {
    }

    /** Reads a canary file's bytes (at most {@link CanaryFiles#MAX_BYTES}) from wherever it is. */
    @FunctionalInterface
    public interface Reader {
        byte[] read(String path) throws IOException;
    }

    /** Whether a file is not a capture: hidden or bookkeeping (".x", "_SUCCESS"), or a canary file. */
    public static boolean notACapture(String name) {
        return name.startsWith(".") || name.startsWith("_") || CANARY_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /**
     * The plan for the listed files.
     *
     * @param runCanaries the canaries for captures without their own
     * @param datasets    the versions of the datasets the engine reads (part of every specification)
     */
    public static Plan of(List<Listed> files, Reader reader, CanaryFile runCanaries, Map<String, String> datasets) {
        Map<String, Listed> byPath = new TreeMap<>();
        for (Listed f : files) {
            byPath.putIfAbsent(f.path(), f);
        }
        Map<String, Listed> byPlace = new HashMap<>();
        for (Listed f : byPath.values()) {
            byPlace.put(f.folder() + "\n" + f.name(), f);
        }
        EngineSpec runSpec = EngineSpec.allComponents(runCanaries, datasets);
        String runDigest = SpecDigest.of(runSpec);
        Map<String, EngineSpec> specs = new LinkedHashMap<>();
        specs.put(runDigest, runSpec);
        Map<String, String> bad = new LinkedHashMap<>();
        List<CaptureAnalysis.Task> tasks = new ArrayList<>();
        for (Listed f : byPath.values().stream().sorted(Comparator.comparing(Listed::path)).toList()) {
            if (notACapture(f.name())) {
                continue;
            }
            Listed own = CANARY_SUFFIXES.stream().map(s -> byPlace.get(f.folder() + "\n" + f.name() + s))
                    .filter(x -> x != null).findFirst().orElse(null);
            String digest = runDigest;
            if (own != null) {
                try {
                    if (own.size() > CanaryFiles.MAX_BYTES) {
                        throw new CanaryFileException(own.path() + ": larger than 10 MB; is this really a canary file?");
                    }
                    EngineSpec spec = EngineSpec.allComponents(CanaryFiles.parse(reader.read(own.path()), own.path()),
                            datasets);
                    digest = SpecDigest.of(spec);
                    specs.putIfAbsent(digest, spec);
                } catch (CanaryFileException e) {
                    bad.put(f.path(), e.getMessage());
                } catch (IOException e) {
                    bad.put(f.path(), own.path() + ": cannot be read (" + e.getMessage() + ")");
                }
            }
            tasks.add(new CaptureAnalysis.Task(f.path(), f.name(), f.size(), own == null ? null : own.name(), digest));
        }
        return new Plan(List.copyOf(tasks), Map.copyOf(specs), Map.copyOf(bad));
    }

    /** The key a captures row is known by in later runs: its SHA-256 and its specification's digest. */
    public static String doneKey(String sha256, String specDigest) {
        return sha256 + "/" + specDigest;
    }

    /** The captures analysed before, from the captures rows of earlier runs. */
    public static boolean analysedBefore(Set<String> done, String sha256, String specDigest) {
        return done.contains(doneKey(sha256, specDigest));
    }
}
