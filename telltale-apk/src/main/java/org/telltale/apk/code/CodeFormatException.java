package org.telltale.apk.code;

/**
 * Code that cannot be read: a damaged or hostile DEX or class file, or one past a limit. The message
 * names the place (an offset, a table, an index) in one line, for the one-line error the CLI prints.
 */
public final class CodeFormatException extends Exception {
    public CodeFormatException(String message) {
        super(message);
    }

    public CodeFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
