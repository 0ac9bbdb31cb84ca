package org.telltale.apk.firmware;

/**
 * A firmware image that cannot be read: a damaged or hostile container, one past a limit, or a kind
 * Telltale does not read (a delta OTA). The message is one line naming the container and the place,
 * for the one-line error the CLI prints.
 */
public final class FirmwareFormatException extends Exception {
    public FirmwareFormatException(String message) {
        super(message);
    }

    public FirmwareFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
