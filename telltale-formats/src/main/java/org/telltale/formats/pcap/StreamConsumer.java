package org.telltale.formats.pcap;

import java.time.Instant;

/**
 * Receives one TCP connection's reassembled bytes, in order, per direction. Made by the capture
 * layer for each connection; the application-protocol layer implements it.
 */
public interface StreamConsumer {
    /**
     * In-order bytes of one direction. The array is only valid during the call.
     *
     * @param fromClient true for client-to-server bytes
     * @param packet     the number (from 1, in file order) of the packet that carried the first byte
     * @param time       that packet's timestamp
     */
    void data(boolean fromClient, long packet, Instant time, byte[] buf, int off, int len);

    /** Bytes of one direction that the capture lost; the stream goes on after them. */
    void gap(boolean fromClient, long packet, Instant time, long length);

    /**
     * The packet number where the earliest request not yet handed to {@link ConnectionEvents}
     * started, or {@link Long#MAX_VALUE} when none is under way. The capture layer holds back
     * items from other connections that started later, so flows are numbered in request order.
     */
    long earliestPending();

    /** The connection ended (FIN, RST, idle eviction or end of file); no more calls follow. */
    void end(Instant time);
}
