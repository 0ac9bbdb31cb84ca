package org.telltale.store;

/**
 * One capture of a case.
 *
 * @param id               its row id
 * @param name             the file name as given on import
 * @param sha256           the SHA-256 of its bytes
 * @param size             its size in bytes
 * @param format           the reader that read it
 * @param importedAt       when it was imported (ISO-8601)
 * @param complete         false while an import is running or after one was killed
 * @param exchanges        the exchanges committed
 * @param errorPlace       where the reader stopped early, or null
 * @param error            why, or null
 * @param tlsSecretsKept   whether the case holds the TLS secrets the capture carried
 */
public record StoredCapture(long id, String name, String sha256, long size, String format, String importedAt,
                            boolean complete, long exchanges, String errorPlace, String error,
                            boolean tlsSecretsKept) {
    /** Whether this is a recording (telltale record) rather than an imported file. */
    public boolean recording() {
        return CaptureImport.RECORDING_FORMAT.equals(format);
    }

    /**
     * Whether an analysis reads it: an import read to its end, or a recording, whose every committed
     * exchange is whole even when the recorder was killed.
     */
    public boolean analysable() {
        return complete || recording();
    }
}
