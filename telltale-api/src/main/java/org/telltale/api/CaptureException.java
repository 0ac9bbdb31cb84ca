package org.telltale.api;

/** The input could not be read past a point; the message names the place ("byte 4096", "line 3"). */
public class CaptureException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String place;

    public CaptureException(String place, String message) {
        super(message);
        this.place = place;
    }

    public CaptureException(String place, String message, Throwable cause) {
        super(message, cause);
        this.place = place;
    }

    /** Where in the input the reading stopped, for example "byte 4096" or "line 3, column 17". */
    public String place() {
        return place;
    }
}
