package org.telltale.core;

/**
 * How the run names one exchange before the engine sees it.
 *
 * @param index the flow's number in this run, for display
 * @param id    its stable id: the capture's SHA-256, "/", and the place in the capture
 * @param input the input file it came from
 */
public record FlowKey(int index, String id, String input) {
    /** The stable id of the exchange at origin in the capture whose SHA-256 is given. */
    public static String id(String captureSha256, String origin) {
        return captureSha256 + "/" + origin;
    }

    /** The capture's SHA-256 a stable id starts with. */
    public static String captureSha256(String id) {
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }
}
