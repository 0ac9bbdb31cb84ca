package org.telltale.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import org.telltale.batch.BatchInputException;
import org.telltale.batch.Plan;
import org.telltale.batch.Sha256;
import org.telltale.core.canary.CanaryFiles;

/**
 * Captures on any Hadoop-compatible file system (local, HDFS, S3A): listed on the driver, fetched on
 * the executors. The capture readers read local files, so an executor copies each capture to a local
 * temporary file, hashing it on the way; a capture already on the local file system is read in place.
 * Serialisable: it carries the driver's Hadoop settings (the {@code spark.hadoop.*} ones included) to
 * the executors as plain strings.
 */
final class HadoopFiles implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> settings;
    private transient Configuration conf;

    HadoopFiles(Configuration driver) {
        Map<String, String> copy = new HashMap<>();
        for (Map.Entry<String, String> e : driver) {
            copy.put(e.getKey(), e.getValue());
        }
        this.settings = copy;
        this.conf = driver;
    }

    private Configuration conf() {
        if (conf == null) {
            Configuration c = new Configuration(false);
            settings.forEach(c::set);
            conf = c;
        }
        return conf;
    }

    private FileSystem fs(org.apache.hadoop.fs.Path p) throws IOException {
        return p.getFileSystem(conf());
    }

    /** Every file under the inputs (folders searched recursively) and the canary files beside inputs that are files. */
    List<Plan.Listed> list(List<String> inputs) throws IOException, BatchInputException {
        List<Plan.Listed> files = new ArrayList<>();
        for (String input : inputs) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(input);
            FileSystem fs = fs(p);
            FileStatus status;
            try {
                status = fs.getFileStatus(p);
            } catch (FileNotFoundException e) {
                throw new BatchInputException(input + ": no such file or folder");
            }
            if (status.isDirectory()) {
                walk(fs, p, files);
            } else {
                files.add(listed(status));
                for (String suffix : Plan.CANARY_SUFFIXES) {
                    org.apache.hadoop.fs.Path beside = new org.apache.hadoop.fs.Path(status.getPath().getParent(),
                            status.getPath().getName() + suffix);
                    if (fs.exists(beside)) {
                        files.add(listed(fs.getFileStatus(beside)));
                    }
                }
            }
        }
        return files;
    }

    /**
     * Every file under a folder. With listStatus, not listFiles: a located status copies the permissions,
     * which Hadoop's local file system reads by running a process per file (seconds per thousand captures).
     */
    private static void walk(FileSystem fs, org.apache.hadoop.fs.Path folder, List<Plan.Listed> files) throws IOException {
        for (FileStatus s : fs.listStatus(folder)) {
            if (s.isDirectory()) {
                walk(fs, s.getPath(), files);
            } else {
                files.add(listed(s));
            }
        }
    }

    private static Plan.Listed listed(FileStatus s) {
        return new Plan.Listed(name(s.getPath()), name(s.getPath().getParent()), s.getPath().getName(), s.getLen());
    }

    /** A local file as a plain path, as {@code telltale batch} names it; any other as its URI. */
    private static String name(org.apache.hadoop.fs.Path p) {
        URI uri = p.toUri();
        return "file".equals(uri.getScheme()) ? uri.getPath() : p.toString();
    }

    /** A small file's bytes (a canary file), at most one byte past the canary file limit. */
    byte[] read(String path) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        try (InputStream in = fs(p).open(p)) {
            return in.readNBytes(CanaryFiles.MAX_BYTES + 1);
        }
    }

    /**
     * A capture as a local file, to read and then to let go.
     *
     * @param file      the local file
     * @param sha256    the SHA-256 of its bytes
     * @param temporary whether it is a copy, deleted on close
     */
    record Local(Path file, String sha256, boolean temporary) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Fetches a capture: in place when it is on the local file system, else copied to a temporary file. */
    Local fetch(String path) throws IOException {
        URI uri = new org.apache.hadoop.fs.Path(path).toUri();
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            Path local = Path.of(uri.getPath());
            return new Local(local, Sha256.of(local), false);
        }
        Path copy = Files.createTempFile("telltale-capture-", ".tmp");
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        try (InputStream in = fs(p).open(p); OutputStream out = Files.newOutputStream(copy)) {
            return new Local(copy, Sha256.copy(in, out), true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }
}
