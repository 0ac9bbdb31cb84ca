package org.telltale.attribute;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where each data file is read from: the user's data directory when it holds that file, otherwise the
 * copy bundled in the jar. Replacing one dataset therefore never requires replacing the others.
 */
final class DataFiles {
    /** The classpath folder of the bundled datasets. */
    static final String BUNDLED = "/org/telltale/attribute/data/";

    private final Path directory;

    /** @param directory the user's data directory, or null for bundled data only */
    DataFiles(Path directory) {
        this.directory = directory;
    }

    /** @throws IOException when the file is neither in the data directory nor bundled */
    InputStream open(String file) throws IOException {
        Path replacement = replacement(file);
        if (replacement != null) {
            return Files.newInputStream(replacement);
        }
        InputStream bundled = DataFiles.class.getResourceAsStream(BUNDLED + file);
        if (bundled == null) {
            throw new IOException("no data file " + file);
        }
        return bundled;
    }

    /**
     * Reads part of a file: positioned reads from the data directory, or from the bundle by skipping to
     * the offset (a jar entry can only be read from its start).
     *
     * @return a heap buffer holding exactly the bytes asked for
     * @throws IOException when the file is missing or shorter than offset + length
     */
    ByteBuffer section(String file, long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || length > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": section of " + length + " bytes at " + offset + " is out of bounds");
        }
        byte[] bytes = new byte[(int) length];
        Path replacement = replacement(file);
        if (replacement != null) {
            try (FileChannel channel = FileChannel.open(replacement, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        throw new EOFException(file + " is truncated");
                    }
                }
            }
        } else {
            try (InputStream in = open(file)) {
                in.skipNBytes(offset);
                if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                    throw new EOFException(file + " is truncated");
                }
            }
        }
        return ByteBuffer.wrap(bytes);
    }

    /** @return whether the file exists in the data directory or the bundle */
    boolean exists(String file) {
        return replacement(file) != null || DataFiles.class.getResource(BUNDLED + file) != null;
    }

    /** @return "bundled" or the path of the replacement */
    String location(String file) {
        Path replacement = replacement(file);
        return replacement == null ? "bundled" : replacement.toString();
    }

    /** @return the stored size in bytes, or -1 when it cannot be told */
    long size(String file) {
        try {
            Path replacement = replacement(file);
            if (replacement != null) {
                return Files.size(replacement);
            }
            URL url = DataFiles.class.getResource(BUNDLED + file);
            if (url == null) {
                return -1;
            }
            // asked directly: a generic URLConnection would first load the JDK's MIME type table
            if (url.getProtocol().equals("file")) {
                return Files.size(Path.of(url.toURI()));
            }
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar) {
                return jar.getJarEntry().getSize();
            }
            return connection.getContentLengthLong();
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return -1;
        }
    }

    private Path replacement(String file) {
        if (directory == null) {
            return null;
        }
        Path path = directory.resolve(file);
        return Files.isRegularFile(path) ? path : null;
    }
}
