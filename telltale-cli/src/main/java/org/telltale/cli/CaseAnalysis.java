package org.telltale.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.telltale.api.AnalysisSink;
import org.telltale.api.CanaryFile;
import org.telltale.attribute.BundledResolver;
import org.telltale.attribute.DatasetInfo;
import org.telltale.core.EngineSpec;
import org.telltale.core.canary.CanaryFileException;
import org.telltale.core.canary.CanaryFiles;
import org.telltale.core.run.TeeSink;
import org.telltale.store.CanarySets.StoredCanaries;
import org.telltale.store.CaseFile;
import org.telltale.store.CaseFileException;
import org.telltale.store.RunInfo;
import org.telltale.store.StoredCapture;

/**
 * {@code analyze} given a case instead of captures: the case's captures are the inputs, its canaries
 * are used when none are given (and given ones are kept in it), and the run is written back into it
 * next to the chosen output. One connection reads the exchanges while another writes the run.
 */
final class CaseAnalysis implements AutoCloseable {
    private final CaseFile reading;
    private final CaseFile writing;
    private final StoredCanaries stored;
    private final CanaryFile planted;
    private final CanaryFile canaries;

    private CaseAnalysis(CaseFile reading, CaseFile writing, StoredCanaries stored, CanaryFile planted,
                         CanaryFile canaries) {
        this.reading = reading;
        this.writing = writing;
        this.stored = stored;
        this.planted = planted;
        this.canaries = canaries;
    }

    /**
     * The case among the arguments, or null when none is a case.
     *
     * @param canaryFile the --canaries file, or null
     * @param given      what it holds, parsed
     * @throws CaseFileException when a case is given with other inputs, or cannot be used
     */
    static CaseAnalysis open(List<Path> arguments, Path canaryFile, CanaryFile given) throws CaseFileException {
        List<Path> cases = arguments.stream().filter(CaseFile::looksLikeCase).toList();
        if (cases.isEmpty()) {
            return null;
        }
        if (arguments.size() > 1) {
            throw new CaseFileException(cases.get(0) + ": a case is analysed on its own; import the other captures "
                    + "into it with telltale import");
        }
        Path file = cases.get(0);
        CaseFile writing = CaseFile.open(file);
        try {
            StoredCanaries stored = canaryFile != null
                    ? writing.canarySets().choose(canaryFile.toString(), Files.readAllBytes(canaryFile), given)
                    : writing.canarySets().current();
            CanaryFile canaries = canaryFile != null || stored == null ? given
                    : CanaryFiles.parse(stored.content(), file + " (stored " + stored.name() + ")");
            return new CaseAnalysis(CaseFile.open(file), writing, stored, canaries,
                    canaries.withSessions(writing.markedSessions().list()));
        } catch (CaseFileException e) {
            // already one line naming the file
            closeQuietly(writing);
            throw e;
        } catch (IOException | CanaryFileException e) {
            closeQuietly(writing);
            throw new CaseFileException(file + ": " + e.getMessage(), e);
        }
    }

    /** The canaries to use: those given, else the case's, with the sessions marked while recording. */
    CanaryFile canaries() {
        return canaries;
    }

    /** The canary file's canaries and sessions alone (a recorder adds the marked sessions as they change). */
    CanaryFile planted() {
        return planted;
    }

    /** The case's analysable captures (complete imports, recordings), in import order. */
    List<CaseCaptureSource> sources() throws CaseFileException {
        List<CaseCaptureSource> out = new ArrayList<>();
        for (StoredCapture c : reading.captures().list()) {
            if (c.analysable()) {
                out.add(new CaseCaptureSource(reading, c));
            }
        }
        return out;
    }

    /** The output, and the run written into the case beside it. */
    AnalysisSink tee(AnalysisSink output, EngineSpec spec, BundledResolver datasets) {
        return tee(output, spec, datasets, false);
    }

    /**
     * The output, and the run written into the case beside it.
     *
     * @param live whether each exchange is committed as it is analysed (a recording)
     */
    AnalysisSink tee(AnalysisSink output, EngineSpec spec, BundledResolver datasets, boolean live) {
        Map<String, Object> engine = new TreeMap<>();
        engine.put("decoders", spec.decoders());
        engine.put("detectors", spec.detectors());
        engine.put("limits", spec.limits());
        Map<String, String> versions = new TreeMap<>(spec.datasets());
        for (DatasetInfo d : datasets.datasets()) {
            if (d.version() != null) {
                versions.put(d.id(), d.version());
            }
        }
        RunInfo info = new RunInfo(Version.VALUE, engine, stored, versions);
        return new TeeSink(List.of(output, live ? writing.runs().startLive(info) : writing.runs().start(info)));
    }

    @Override
    public void close() {
        closeQuietly(reading);
        closeQuietly(writing);
    }

    private static void closeQuietly(CaseFile c) {
        try {
            c.close();
        } catch (CaseFileException e) {
            // what was committed is in the file; a failing close loses nothing more
        }
    }
}
