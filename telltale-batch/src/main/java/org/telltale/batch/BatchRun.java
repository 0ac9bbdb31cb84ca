package org.telltale.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.telltale.api.CanaryFile;
import org.telltale.api.DestinationResolver;
import org.telltale.api.Organisations;
import org.telltale.api.TrackerHosts;
import org.telltale.core.run.Attributor;

/**
 * {@code telltale batch} on one machine: lists the inputs, skips captures analysed before with the same
 * specification, analyses the others on every core through {@link CaptureAnalysis} (the same code the
 * Spark job runs per capture), attributes each distinct destination once and joins it to the findings,
 * and writes the row tables under a new {@code run=ID} folder and the aggregates over every run. A run's
 * folders are written under a hidden name and renamed at the end, so readers never see half a run.
 */
public final class BatchRun {
    /** Captures analysed ahead of the one being written, per thread. */
    private static final int AHEAD = 4;
    /** The file each table's folder holds, named as Spark names its parts. */
    static final String PART = "part-00000.zstd.parquet";

    private final Engines engines;
    private final DestinationResolver resolver;
    private final Map<String, String> datasets;
    private final int threads;

    /**
     * @param trackers the tracker lists the engine reads
     * @param organisations which organisation runs a host, for the engine's first-party rule
     * @param resolver what attributes destinations (DestinationResolver.NONE for none)
     * @param datasets the datasets' versions, part of the specification's digest
     * @param threads  how many captures are analysed at once
     */
    public BatchRun(TrackerHosts trackers, Organisations organisations, DestinationResolver resolver,
                    Map<String, String> datasets, int threads) {
        this.engines = new Engines(trackers, organisations);
        this.resolver = resolver;
        this.datasets = Map.copyOf(datasets);
        this.threads = Math.max(1, threads);
    }

    /**
     * What a run did.
     *
     * @param run        its id (the run=ID folders), or null when nothing was analysed and nothing written
     * @param analysed   captures analysed
     * @param skipped    captures analysed before with the same specification, not analysed again
     * @param unreadable captures that could not be read to their end (each has a fatal error row)
     * @param flows      flows written
     * @param findings   findings written
     */
    public record Summary(String run, int analysed, int skipped, int unreadable, long flows, long findings) {
    }

    /**
     * Runs the batch.
     *
     * @param again analyse every capture, also those analysed before
     * @throws BatchInputException when an input does not exist or the output cannot be written
     */
    public Summary run(List<Path> inputs, Path out, CanaryFile runCanaries, boolean again)
            throws BatchInputException, IOException {
        Plan plan = Plan.of(list(inputs), BatchRun::readCanaryFile, runCanaries, datasets);
        prepare(out);
        Set<String> done = again ? Set.of() : analysedBefore(out);
        String run = RunIds.at(Instant.now());
        Map<Table, ParquetTableWriter> writers = new LinkedHashMap<>();
        Map<List<Object>, Object[]> destinations = new LinkedHashMap<>();
        Attributor attributor = new Attributor(resolver);
        int analysed = 0;
        int skipped = 0;
        int unreadable = 0;
        long flows = 0;
        long findings = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "telltale-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<CaptureAnalysis.Rows>> window = new ArrayDeque<>();
            List<CaptureAnalysis.Task> tasks = plan.tasks();
            int next = 0;
            while (next < tasks.size() || !window.isEmpty()) {
                while (next < tasks.size() && window.size() < threads * AHEAD) {
                    CaptureAnalysis.Task task = tasks.get(next++);
                    window.add(pool.submit(() -> analyse(plan, task, done)));
                }
                CaptureAnalysis.Rows rows = take(window.poll());
                if (rows == null) {
                    skipped++;
                    continue;
                }
                if (writers.isEmpty()) {
                    for (Table t : Tables.ROWS) {
                        writers.put(t, new ParquetTableWriter(t, partFolder(out, t, run, true).resolve(PART)));
                    }
                }
                analysed++;
                unreadable += Boolean.TRUE.equals(rows.capture()[Tables.CAPTURES.index("fatal")]) ? 1 : 0;
                flows += rows.flows().size();
                findings += rows.findings().size();
                write(writers, rows, destinations, attributor);
            }
        } finally {
            pool.shutdownNow();
            for (ParquetTableWriter w : writers.values()) {
                w.close();
            }
        }
        if (writers.isEmpty()) {
            return new Summary(null, 0, skipped, 0, 0, 0);
        }
        for (Table t : Tables.ROWS) {
            Files.move(partFolder(out, t, run, true), partFolder(out, t, run, false), StandardCopyOption.ATOMIC_MOVE);
        }
        writeAggregates(out);
        return new Summary(run, analysed, skipped, unreadable, flows, findings);
    }

    private CaptureAnalysis.Rows analyse(Plan plan, CaptureAnalysis.Task task, Set<String> done) throws IOException {
        String problem = plan.bad().get(task.input());
        if (problem != null) {
            return CaptureAnalysis.unreadable(task, problem);
        }
        Path file = Path.of(task.input());
        String sha;
        try {
            sha = Sha256.of(file);
        } catch (IOException e) {
            return CaptureAnalysis.unreadable(task, "cannot be read: " + e.getMessage());
        }
        if (Plan.analysedBefore(done, sha, task.specDigest())) {
            return null;
        }
        return CaptureAnalysis.analyse(engines.of(task.specDigest(), plan.specs().get(task.specDigest())), task, file, sha);
    }

    private static void write(Map<Table, ParquetTableWriter> writers, CaptureAnalysis.Rows rows,
                              Map<List<Object>, Object[]> destinations, Attributor attributor) throws IOException {
        writers.get(Tables.CAPTURES).write(rows.capture());
        for (Object[] r : rows.flows()) {
            writers.get(Tables.FLOWS).write(r);
        }
        for (Object[] r : rows.findings()) {
            List<Object> key = Destinations.key(r);
            Object[] destination = destinations.get(key);
            if (destination == null) {
                destination = Destinations.attribute(attributor, key);
                destinations.put(key, destination);
                writers.get(Tables.DESTINATIONS).write(destination);
            }
            writers.get(Tables.FINDINGS).write(Destinations.joined(r, destination));
        }
        for (Object[] r : rows.errors()) {
            writers.get(Tables.ERRORS).write(r);
        }
    }

    private static CaptureAnalysis.Rows take(Future<CaptureAnalysis.Rows> next) throws IOException {
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The captures analysed by earlier runs into out, each as its SHA-256 and specification digest. */
    static Set<String> analysedBefore(Path out) throws IOException {
        Set<String> done = new HashSet<>();
        int sha = Tables.CAPTURES.index("capture_sha256");
        int spec = Tables.CAPTURES.index("spec_digest");
        ParquetTableReader.forEach(out, Tables.CAPTURES, r -> {
            if (r[sha] != null) {
                done.add(Plan.doneKey((String) r[sha], (String) r[spec]));
            }
        });
        return done;
    }

    /** Recomputes every aggregate over all runs, replacing the ones before. */
    private static void writeAggregates(Path out) throws IOException {
        Map<Table, List<Object[]>> aggregates = Aggregates.compute(out);
        for (Table t : Tables.AGGREGATES) {
            Path folder = out.resolve("aggregates").resolve(t.name());
            Path fresh = out.resolve("aggregates").resolve("_" + t.name());
            deleteTree(fresh);
            Files.createDirectories(fresh);
            try (ParquetTableWriter w = new ParquetTableWriter(t, fresh.resolve(PART))) {
                for (Object[] r : aggregates.get(t)) {
                    w.write(r);
                }
            }
            deleteTree(folder);
            Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static Path partFolder(Path out, Table t, String run, boolean hidden) throws IOException {
        Path folder = out.resolve(t.name()).resolve((hidden ? "_" : "") + Tables.RUN + "=" + run);
        if (hidden) {
            Files.createDirectories(folder);
        }
        return folder;
    }

    private static void prepare(Path out) throws BatchInputException {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new BatchInputException(out + ": cannot be created (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(out)) {
            throw new BatchInputException(out + ": cannot be written");
        }
    }

    /** Every file under the inputs, and the canary files beside the inputs that are files. */
    static List<Plan.Listed> list(List<Path> inputs) throws BatchInputException, IOException {
        List<Plan.Listed> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                        files.add(listed(p));
                    }
                }
            } else if (Files.isRegularFile(input)) {
                files.add(listed(input));
                for (String suffix : Plan.CANARY_SUFFIXES) {
                    Path beside = input.resolveSibling(input.getFileName() + suffix);
                    if (Files.isRegularFile(beside)) {
                        files.add(listed(beside));
                    }
                }
            } else {
                throw new BatchInputException(input + ": no such file or folder");
            }
        }
        return files;
    }

    private static Plan.Listed listed(Path p) throws IOException {
        Path parent = p.toAbsolutePath().getParent();
        return new Plan.Listed(p.toString(), parent == null ? "" : parent.toString(), p.getFileName().toString(),
                Files.size(p));
    }

    private static byte[] readCanaryFile(String path) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return in.readNBytes(org.telltale.core.canary.CanaryFiles.MAX_BYTES + 1);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException e) {
                    // gone already
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
