package org.telltale.api;

/** Receives what a {@link CaptureReader} finds, in the order it should be numbered. */
public interface CaptureSink {
    /** An exchange or an opaque connection. */
    void observe(Observation observation);

    /** A problem with one part of the input that did not stop the reading ("entry 12: no request"). */
    void diagnostic(String origin, String message);

    /** TLS key log lines (NSS key log format) found in the capture, kept for later decryption. */
    default void tlsSecrets(String keyLog) {
    }
}
