package org.telltale.formats.pcap;

import java.time.Instant;

/** Receives what a capture file format yields: link-layer frames and the metadata around them. */
interface FrameSink {
    /**
     * One captured frame, held at [off, off + captured) of {@code buf}; the array is only valid
     * during the call.
     *
     * @param number     the packet number, from 1 in file order
     * @param time       the capture time, or null when the format gives none
     * @param linkType   the LINKTYPE_ number of the frame's interface
     * @param captured   how many bytes the file holds
     * @param wireLength how long the frame was on the wire (more than captured when the snapshot cut it)
     */
    void frame(long number, Instant time, int linkType, byte[] buf, int off, int captured, int wireLength);

    /** A name the capture tool resolved for an address (pcapng name resolution block). */
    void hostName(String ip, String name);

    /** TLS key log lines from a decryption secrets block. */
    void tlsSecrets(String keyLog);

    /** A problem with one part of the file that did not stop the reading. */
    void diagnostic(String origin, String message);
}
