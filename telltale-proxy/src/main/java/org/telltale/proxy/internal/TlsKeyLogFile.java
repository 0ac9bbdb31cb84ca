package org.telltale.proxy.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.internal.tcnative.SSLContext;

/**
 * Appends the TLS secrets of every intercepted connection, both sides, to a file in the NSS key
 * log format that Wireshark reads ("CLIENT_RANDOM ...", "CLIENT_HANDSHAKE_TRAFFIC_SECRET ...").
 *
 * <p>Why BoringSSL: the JDK's TLS keeps its TLS 1.3 traffic secrets to itself, while BoringSSL
 * hands every line to a key log callback (SSL_CTX_set_keylog_callback, reached through
 * netty-tcnative's {@code SSLContext.setKeyLogCallback}, present in tcnative 2.0.84 though Netty
 * 4.2.20 itself does not use it). Each line is written and flushed as it
 * comes, so a capture running beside the proxy can be decrypted at any time. The file is created
 * owner-only: its secrets open everything the device sent.
 */
public final class TlsKeyLogFile implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TlsKeyLogFile.class.getName());

    private final Path file;
    private final OutputStream out;

    private TlsKeyLogFile(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Opens the file for appending; fails with a message that says what is missing when BoringSSL is not there. */
    public static TlsKeyLogFile open(Path file) throws IOException {
        if (!OpenSsl.isAvailable()) {
            Throwable why = OpenSsl.unavailabilityCause();
            throw new IOException("saving TLS keys needs netty-tcnative-boringssl-static for this platform (the JDK's TLS "
                    + "does not give out TLS 1.3 secrets): " + (why == null ? "not available" : why.getMessage()), why);
        }
        var options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        OutputStream out = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? Channels.newOutputStream(Files.newByteChannel(file, options,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))))
                : Channels.newOutputStream(Files.newByteChannel(file, options));
        return new TlsKeyLogFile(file, out);
    }

    /** Makes the BoringSSL context write its secrets here. */
    void attach(SslContext context) {
        if (!(context instanceof OpenSslContext openSsl)) {
            throw new IllegalStateException("a key log needs an OpenSSL context, not " + context.getClass().getName());
        }
        if (!SSLContext.setKeyLogCallback(tcnativeContext(openSsl), (ssl, line) -> write(line))) {
            throw new IllegalStateException("this BoringSSL build refused the key log callback");
        }
    }

    /**
     * netty-tcnative's functions take its own context handle (the protected field {@code ctx}), not
     * the BoringSSL SSL_CTX that {@code sslCtxPointer()} gives: passing that one crashes the JVM.
     * Netty has no public accessor for the handle, hence reflection.
     */
    private static long tcnativeContext(OpenSslContext context) {
        try {
            Field handle = ReferenceCountedOpenSslContext.class.getDeclaredField("ctx");
            handle.setAccessible(true);
            return handle.getLong(context);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this Netty version hides its OpenSSL context handle: " + e, e);
        }
    }

    private synchronized void write(byte[] line) {
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            // Called from BoringSSL's handshake: an exception must not unwind through native code.
            LOG.log(System.Logger.Level.ERROR, "cannot write TLS secrets to " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
