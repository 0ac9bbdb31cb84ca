package org.telltale.api;

/**
 * TLS secrets a capture carried (a pcapng Decryption Secrets Block), kept so the encrypted
 * connections can be decrypted later.
 *
 * @param input  the input file they came from
 * @param keyLog the secrets in the NSS key log format, one secret a line
 */
public record TlsKeyLog(String input, String keyLog) {
    /** The number of secrets (non-empty, non-comment lines). */
    public long secrets() {
        return keyLog.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }
}
