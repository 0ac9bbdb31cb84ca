package org.telltale.apk.jvm;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeFormatException;
import org.telltale.apk.code.CodeLimits;

/**
 * The classes of a JAR or an AAR, the two ways SDKs ship on Maven Central, read as a stream: a JAR's
 * {@code *.class} entries, and an AAR's {@code classes.jar} and {@code libs/*.jar}, each nested JAR read
 * straight from the outer entry's stream, never held whole. Entries are recognised by name, so an AAR
 * needs no special call.
 *
 * <p>Left out: {@code module-info.class} (a module descriptor, not a class) and everything under
 * {@code META-INF/}, where a multi-release JAR keeps other versions of classes it already has.
 *
 * <p>Bounded by {@link CodeLimits}: entries per zip, inflated bytes per entry, inflated/compressed ratio
 * (zip bombs) and nesting depth; passing one is a {@link CodeFormatException} naming the entry and the
 * limit, after the classes read before it were given out.
 */
public final class JarClasses {
    private JarClasses() {
    }

    /** What to do with a class file that cannot be read: skip it with a note, or stop. */
    @FunctionalInterface
    public interface Problems {
        void damaged(String source, CodeFormatException e) throws CodeFormatException;
    }

    /** Every class of the JAR or AAR, in entry order; the first damaged class file stops the reading. */
    public static void read(InputStream jarOrAar, String source, CodeLimits limits, Consumer<CodeClass> out)
            throws IOException, CodeFormatException {
        read(jarOrAar, source, limits, out, (where, e) -> {
            throw e;
        });
    }

    /**
     * Every class of the JAR or AAR, in entry order; a damaged class file (obfuscators plant some to break
     * tools) goes to {@code problems} and the reading goes on. The limits of the container still stop it.
     */
    public static void read(InputStream jarOrAar, String source, CodeLimits limits, Consumer<CodeClass> out,
                            Problems problems) throws IOException, CodeFormatException {
        readZip(jarOrAar, source, limits, out, problems, 0);
    }

    private static void readZip(InputStream in, String source, CodeLimits limits, Consumer<CodeClass> out,
                                Problems problems, int depth) throws IOException, CodeFormatException {
        Counting raw = new Counting(in);
        ZipInputStream zip = new ZipInputStream(raw);
        int entries = 0;
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
            if (++entries > limits.maxEntries()) {
                throw new CodeFormatException(source + ": more than " + limits.maxEntries() + " entries");
            }
            String name = entry.getName();
            String where = source + "!" + name;
            if (entry.isDirectory() || name.startsWith("META-INF/")) {
                continue;
            }
            Bounded data = new Bounded(zip, raw, where, limits);
            if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                byte[] bytes = data.readAllBytes();
                data.check();
                try {
                    out.accept(JvmClassReader.read(bytes, where, limits));
                } catch (CodeFormatException e) {
                    problems.damaged(where, e);
                }
            } else if (name.equals("classes.jar") || name.startsWith("libs/") && name.endsWith(".jar")) {
                if (depth + 1 > limits.maxDepth()) {
                    throw new CodeFormatException(where + ": nested deeper than " + limits.maxDepth());
                }
                try {
                    readZip(data, where, limits, out, problems, depth + 1);
                } catch (IOException e) {
                    data.check(); // a cut-off entry shows to the nested reader as a truncated zip
                    throw e;
                }
                data.check();
            }
        }
    }

    /** Counts the compressed bytes a zip reader takes from below, for the ratio of each entry. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /**
     * One entry's inflated bytes, cut off at the entry limit or the ratio limit; {@link #check()} turns a cut
     * into the exception (a stream may only throw IOException, and a nested zip reader would hide it).
     */
    private static final class Bounded extends FilterInputStream {
        private static final long RATIO_SLACK = 1024;
        private final Counting raw;
        private final long rawStart;
        private final String where;
        private final CodeLimits limits;
        private long inflated;
        private CodeFormatException exceeded;

        Bounded(InputStream entry, Counting raw, String where, CodeLimits limits) {
            super(entry);
            this.raw = raw;
            this.rawStart = raw.count;
            this.where = where;
            this.limits = limits;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (exceeded != null) {
                return -1;
            }
            int n = super.read(b, off, len);
            if (n > 0) {
                inflated += n;
                long compressed = raw.count - rawStart;
                if (inflated > limits.maxEntryBytes()) {
                    exceeded = new CodeFormatException(where + ": inflates past " + limits.maxEntryBytes() + " bytes");
                } else if (inflated > (compressed + RATIO_SLACK) * limits.maxRatio()) {
                    exceeded = new CodeFormatException(where + ": inflates more than " + limits.maxRatio()
                            + " times its compressed size");
                }
                if (exceeded != null) {
                    return -1;
                }
            }
            return n;
        }

        @Override
        public void close() {
            // The outer zip stream stays open for the next entry.
        }

        void check() throws CodeFormatException {
            if (exceeded != null) {
                throw exceeded;
            }
        }
    }
}
