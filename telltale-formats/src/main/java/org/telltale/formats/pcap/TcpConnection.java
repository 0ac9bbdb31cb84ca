package org.telltale.formats.pcap;

import java.time.Instant;
import java.util.Arrays;

/**
 * One TCP connection: its two ends once the client is known, a reassembled stream per direction,
 * and the consumer that reads them. A consumer that throws is reported and cut off, so a parser
 * bug on hostile bytes costs one connection, not the capture.
 */
final class TcpConnection implements StreamConsumer {
    final FlowKey key;
    final long firstPacket;
    final OrderedEvents events;
    final TcpStream toServer;
    final TcpStream toClient;
    private byte[] clientAddress;
    private int clientPort;
    private int clientIsn;
    private StreamConsumer consumer;
    private Instant lastSeen;
    private long lastPacket;

    TcpConnection(FlowKey key, long firstPacket, OrderedEvents events, HoleBudget holes) {
        this.key = key;
        this.toServer = new TcpStream(true, holes);
        this.toClient = new TcpStream(false, holes);
        this.firstPacket = firstPacket;
        this.events = events;
        this.lastPacket = firstPacket;
    }

    boolean decided() {
        return clientAddress != null;
    }

    /** Fixes which end is the client and opens the consumer for the connection. */
    void decide(byte[] address, int port, byte[] serverAddress, int serverPort, ApplicationLayer layer) {
        clientAddress = address.clone(); // the caller's array is reused for the next packet
        clientPort = port;
        TcpEnds ends = new TcpEnds(IpText.format(address, 0, address.length), port,
                IpText.format(serverAddress, 0, serverAddress.length), serverPort);
        try {
            consumer = layer.tcp(ends, firstPacket, events);
        } catch (RuntimeException e) {
            fail(firstPacket, e);
        }
    }

    boolean isClient(byte[] address, int port) {
        return port == clientPort && Arrays.equals(address, clientAddress);
    }

    void clientIsn(int isn) {
        clientIsn = isn;
    }

    int clientIsn() {
        return clientIsn;
    }

    void touch(long packet, Instant time) {
        lastPacket = packet;
        if (time != null) {
            lastSeen = time;
        }
    }

    Instant lastSeen() {
        return lastSeen;
    }

    long lastPacket() {
        return lastPacket;
    }

    /** The earliest packet where a request may have started that has not been reported yet. */
    long horizon() {
        if (consumer == null) {
            return Long.MAX_VALUE;
        }
        long pending;
        try {
            pending = consumer.earliestPending();
        } catch (RuntimeException e) {
            fail(lastPacket, e);
            return Long.MAX_VALUE;
        }
        return Math.min(pending, toServer.earliestWaitingPacket());
    }

    /** Hands what still waits to the consumer and ends it. */
    void finish(Instant time) {
        toServer.flush(this);
        toClient.flush(this);
        end(time);
    }

    @Override
    public void data(boolean fromClient, long packet, Instant time, byte[] buf, int off, int len) {
        if (consumer != null) {
            try {
                consumer.data(fromClient, packet, time, buf, off, len);
            } catch (RuntimeException e) {
                fail(packet, e);
            }
        }
    }

    @Override
    public void gap(boolean fromClient, long packet, Instant time, long length) {
        if (consumer != null) {
            try {
                consumer.gap(fromClient, packet, time, length);
            } catch (RuntimeException e) {
                fail(packet, e);
            }
        }
    }

    @Override
    public long earliestPending() {
        return horizon();
    }

    @Override
    public void end(Instant time) {
        if (consumer != null) {
            try {
                consumer.end(time);
            } catch (RuntimeException e) {
                fail(lastPacket, e);
            }
            consumer = null;
        }
    }

    private void fail(long packet, RuntimeException e) {
        consumer = null;
        events.diagnostic(packet, "the connection's content could not be parsed (" + e + "); skipped");
    }
}
