package org.telltale.formats.pcap.proto;

/**
 * How much of one connection the HTTP reader keeps, so that hostile or endless streams cost bounded
 * memory. Hitting a limit is a diagnostic or an incomplete exchange, never a failure.
 *
 * @param maxHead      the longest request or response head (start line and headers), and the longest
 *                     sniffed first line or TLS hello, in bytes
 * @param maxBody      the most body bytes kept per message; the rest is counted and dropped, and the
 *                     exchange is marked incomplete
 * @param maxHeld      the most client bytes held while waiting for the answer to CONNECT or Upgrade
 * @param maxPipelined the most requests waiting for their responses on one connection
 * @param maxRaw       the most client bytes kept from a connection that is neither HTTP nor TLS (and
 *                     from a UDP flow that is neither DNS nor QUIC), for the canaries to be searched in;
 *                     the rest is dropped with a diagnostic
 */
public record HttpLimits(int maxHead, int maxBody, int maxHeld, int maxPipelined, int maxRaw) {
    /** 64 KiB heads, 8 MiB bodies, 256 KiB held, 256 requests in flight, 64 KiB of raw client bytes. */
    public static final HttpLimits DEFAULT = new HttpLimits(64 * 1024, 8 * 1024 * 1024, 256 * 1024, 256, 64 * 1024);

    /** With the default cap on raw client bytes. */
    HttpLimits(int maxHead, int maxBody, int maxHeld, int maxPipelined) {
        this(maxHead, maxBody, maxHeld, maxPipelined, DEFAULT.maxRaw);
    }
}
