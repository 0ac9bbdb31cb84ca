package org.telltale.testkit.corpus;

/**
 * A flow made to look like a leak that is not one. Its request carries no canary in any spelling.
 *
 * @param flow      the flow index
 * @param kind      which trap it is, one of the constants of this class
 * @param imitates  the id of the canary it resembles
 * @param value     the decoy value it carries (in the request, or only in the response for an echo)
 */
public record Decoy(int flow, String kind, String imitates, String value) {
    /** The canary with one character changed. */
    public static final String NEAR_MISS = "near-miss";
    /** The start of the canary, its end cut off. */
    public static final String PREFIX = "prefix";
    /** Random base64 as long as the canary's base64. */
    public static final String RANDOM_BASE64 = "random-base64";
    /** Random hex as long as a digest of the canary. */
    public static final String RANDOM_HEX = "random-hex";
    /** The canary only in the response; requests never count. */
    public static final String RESPONSE_ECHO = "response-echo";
    /** Another value of the same type, belonging to no canary. */
    public static final String UNRELATED = "unrelated";
}
