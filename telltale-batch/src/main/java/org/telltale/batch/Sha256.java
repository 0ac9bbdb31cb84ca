package org.telltale.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a capture's bytes, which names it across runs and machines (and is in every flow id). */
public final class Sha256 {
    private Sha256() {
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Copies in to out and returns the SHA-256 of what went through, in lower-case hex. */
    public static String copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest d = digest();
        try (InputStream digesting = new DigestInputStream(in, d)) {
            digesting.transferTo(out);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** The SHA-256 of a local file, in lower-case hex. */
    public static String of(Path file) throws IOException {
        return copy(Files.newInputStream(file), OutputStream.nullOutputStream());
    }
}
