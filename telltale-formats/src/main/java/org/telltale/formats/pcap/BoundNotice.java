package org.telltale.formats.pcap;

import org.telltale.api.CaptureSink;

/**
 * Says that a memory bound changed what was read, without one diagnostic per flow: a capture that
 * hits a bound usually hits it for every later flow. The first time is reported with its place,
 * then one report every {@link #EVERY} times with the count so far, and at the end the total.
 */
final class BoundNotice {
    static final int EVERY = 1000;

    private final CaptureSink sink;
    private final String what;
    private long count;
    private long reported;

    /** @param what the bound and its effect, as the start of a sentence ("more than 64 MiB ...") */
    BoundNotice(CaptureSink sink, String what) {
        this.sink = sink;
        this.what = what;
    }

    /** One more time the bound acted, at this packet; {@code detail} says on what. */
    void hit(long packet, String detail) {
        count++;
        if (count == 1 || count % EVERY == 0) {
            String times = count == 1 ? "" : " (" + count + " times so far)";
            sink.diagnostic("packet " + packet, what + ": " + detail + times);
            reported = count;
        }
    }

    /** How many times the bound acted. */
    long count() {
        return count;
    }

    /** At the end of the capture: the total, when some were not reported one by one. */
    void finish() {
        if (count > reported) {
            sink.diagnostic("capture", what + ": " + count + " times in all");
        }
    }
}
