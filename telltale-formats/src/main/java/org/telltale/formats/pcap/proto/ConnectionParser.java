package org.telltale.formats.pcap.proto;

import java.time.Instant;
import java.util.List;
import org.telltale.api.OpaqueConnection;
import org.telltale.formats.pcap.ConnectionEvents;
import org.telltale.formats.pcap.Sizes;
import org.telltale.formats.pcap.StreamConsumer;
import org.telltale.formats.pcap.TcpEnds;

/**
 * Reads one TCP connection's application protocol. The first client bytes decide: an HTTP/1.x
 * request line leads to {@link HttpConversation}; a TLS record leads to reading the ClientHello and
 * reporting one opaque "tls" connection with its SNI and ALPN; anything else is one opaque "tcp"
 * connection that carries the client's raw bytes, up to a cap, for the canaries to be searched in. A CONNECT tunnel is read afresh by a nested parser. Never lets bad input escape as an
 * exception: a fault ends the reading of this connection with a diagnostic.
 */
public final class ConnectionParser implements StreamConsumer {
    private enum Mode { SNIFF, TLS, HTTP, TUNNEL, RAW, DONE }

    private static final int TLS_HANDSHAKE = 0x16;
    /** Bytes of the first line judged before its end is seen. */
    private static final int PREFIX_CHECK = 64;

    private final ConnectionContext ctx;
    private Mode mode = Mode.SNIFF;
    private final StreamBuffer clientStart = new StreamBuffer();
    private final StreamBuffer serverStart = new StreamBuffer();
    private int lineScan;
    private int tlsWanted;
    private HttpConversation http;
    private boolean startLost;
    private ConnectionParser inner;
    private RawPayload raw;
    private boolean reported;

    /**
     * @param ends   the connection's two ends
     * @param origin the connection's description for diagnostics, such as "tcp 10.0.0.2:51234 -> 1.2.3.4:80"
     * @param names  names learnt from DNS answers; may be null
     * @param events where the results go
     */
    public ConnectionParser(TcpEnds ends, String origin, HostNames names, ConnectionEvents events) {
        this(new ConnectionContext(ends, origin, names, events, HttpLimits.DEFAULT, null, 0));
    }

    /** With other limits, for tests of the bounds. */
    public ConnectionParser(TcpEnds ends, String origin, HostNames names, ConnectionEvents events, HttpLimits limits) {
        this(new ConnectionContext(ends, origin, names, events, limits, null, 0));
    }

    private ConnectionParser(ConnectionContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void data(boolean fromClient, long packet, Instant time, byte[] buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        try {
            switch (mode) {
                case SNIFF -> sniff(fromClient, packet, time, buf, off, len);
                case TLS -> {
                    if (fromClient) {
                        clientStart.append(packet, time, buf, off, len);
                        readHello();
                    }
                }
                case HTTP -> {
                    http.data(fromClient, packet, time, buf, off, len);
                    enterTunnelIfAsked();
                }
                case TUNNEL -> inner.data(fromClient, packet, time, buf, off, len);
                case RAW -> {
                    if (fromClient) {
                        keepRaw(packet, buf, off, len);
                    }
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            fail(packet, e);
        }
    }

    @Override
    public void gap(boolean fromClient, long packet, Instant time, long length) {
        try {
            switch (mode) {
                case SNIFF -> {
                    if (fromClient) {
                        startLost = true;
                        clientStart.clear();
                        serverStart.clear();
                        startHttp(packet, true);
                    }
                }
                case TLS -> {
                    if (fromClient) {
                        reportOpaque("tls", null, packet);
                        ctx.diagnostic(packet, "capture lost " + length + " bytes before the TLS ClientHello was whole");
                        finish();
                    }
                }
                case HTTP -> {
                    http.gap(fromClient, packet, length);
                    enterTunnelIfAsked();
                }
                case TUNNEL -> inner.gap(fromClient, packet, time, length);
                case RAW -> {
                    if (fromClient) {
                        reportRaw();
                        ctx.diagnostic(packet, "capture lost " + length + " bytes the client sent on a connection "
                                + "no parser reads; the canaries are searched only in the bytes before the loss");
                        finish();
                    }
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            fail(packet, e);
        }
    }

    @Override
    public long earliestPending() {
        return switch (mode) {
            case SNIFF, TLS -> clientStart.size() > 0 ? clientStart.packetAt(0)
                    : serverStart.size() > 0 ? serverStart.packetAt(0) : Long.MAX_VALUE;
            case HTTP -> http.earliestPending();
            case TUNNEL -> inner.earliestPending();
            case RAW -> raw.firstPacket();
            case DONE -> Long.MAX_VALUE;
        };
    }

    @Override
    public void end(Instant time) {
        try {
            switch (mode) {
                case SNIFF -> endWhileSniffing();
                case TLS -> {
                    long packet = clientStart.packetAt(0);
                    reportOpaque("tls", null, packet);
                    ctx.diagnostic(packet, "connection ended before the TLS ClientHello was whole");
                }
                case HTTP -> {
                    http.end();
                    if (startLost && !http.sawExchange()) {
                        ctx.diagnostic(0, "capture lost the start of the connection and no HTTP request was found after it");
                    }
                }
                case TUNNEL -> inner.end(time);
                case RAW -> reportRaw();
                default -> {
                }
            }
        } catch (RuntimeException e) {
            fail(0, e);
        }
        finish();
    }

    // ---- deciding what the connection carries ----

    private void sniff(boolean fromClient, long packet, Instant time, byte[] buf, int off, int len) {
        if (!fromClient) {
            if (serverStart.size() < ctx.limits().maxHead()) {
                serverStart.append(packet, time, buf, off, Math.min(len, ctx.limits().maxHead() - serverStart.size()));
            }
            return;
        }
        clientStart.append(packet, time, buf, off, len);
        if (clientStart.at(0) == TLS_HANDSHAKE) {
            if (clientStart.size() >= 2 && clientStart.at(1) != 3) {
                notHttpOrTls(false);
                return;
            }
            mode = Mode.TLS;
            readHello();
            return;
        }
        byte[] b = clientStart.array();
        int s = clientStart.start();
        int n = clientStart.size();
        int prefix = RequestLine.scan(b, s, s + Math.min(n, PREFIX_CHECK));
        if (prefix < 0) {
            notHttpOrTls(prefix == RequestLine.BROKEN);
            return;
        }
        int lf = HttpText.indexOfLf(b, s + lineScan, s + n);
        if (lf < 0) {
            lineScan = n;
            if (n > ctx.limits().maxHead()) {
                notHttpOrTls(true);
            }
            return;
        }
        int lineEnd = RequestLine.scan(b, s, lf + 1);
        if (lineEnd <= 0) {
            notHttpOrTls(true);
            return;
        }
        RequestLine line = RequestLine.parse(b, s, HttpText.trimCr(b, s, lf));
        if (line.method().equals("PRI") && line.version().equals("HTTP/2.0")) {
            reportOpaque("h2c", null, clientStart.packetAt(0));
            finish();
            return;
        }
        startHttp(packet, false);
    }

    /** Switches to HTTP and hands it the bytes seen so far, client first so responses find their request. */
    private void startHttp(long packet, boolean afterLoss) {
        http = new HttpConversation(ctx);
        mode = Mode.HTTP;
        if (afterLoss) {
            http.resyncClient();
        }
        clientStart.replay((p, t, b, o, l) -> http.data(true, p, t, b, o, l));
        serverStart.replay((p, t, b, o, l) -> http.data(false, p, t, b, o, l));
        clientStart.clear();
        serverStart.clear();
        enterTunnelIfAsked();
    }

    /** Reads the ClientHello once enough bytes have come for the next record. */
    private void readHello() {
        if (clientStart.size() < tlsWanted) {
            return;
        }
        TlsClientHello.Scan scan = TlsClientHello.scanRecords(clientStart.array(), clientStart.start(), clientStart.size());
        long packet = clientStart.packetAt(0);
        if (scan.info() != null) {
            reportOpaque("tls", scan.info(), packet);
            finish();
        } else if (scan.problem() != null) {
            reportOpaque("tls", null, packet);
            ctx.diagnostic(packet, scan.problem());
            finish();
        } else {
            tlsWanted = scan.wanted();
        }
    }

    /**
     * Neither HTTP nor a TLS hello: from here on the client's bytes are only kept, up to the cap, then
     * reported. A connection the capture joined inside TLS (its first bytes a TLS record header) keeps
     * none: ciphertext holds no canary.
     */
    private void notHttpOrTls(boolean lookedLikeHttp) {
        long packet = clientStart.packetAt(0);
        if (lookedLikeHttp) {
            ctx.diagnostic(packet, "first line starts like an HTTP request but is not a valid HTTP/1.x request line");
        }
        if (tlsRecordHeader()) {
            reportOpaque("tcp", null, packet);
            finish();
            return;
        }
        raw = new RawPayload(ctx.limits().maxRaw(), packet, clientStart.timeAt(0));
        mode = Mode.RAW;
        clientStart.replay((p, t, b, o, l) -> keepRaw(p, b, o, l));
        clientStart.clear();
        serverStart.clear();
    }

    /** A TLS record's content type (change cipher spec to application data) and a 3.x version. */
    private boolean tlsRecordHeader() {
        int type = clientStart.size() >= 3 ? clientStart.at(0) : -1;
        return type >= 0x14 && type <= 0x17 && clientStart.at(1) == 3 && clientStart.at(2) <= 4;
    }

    private void keepRaw(long packet, byte[] buf, int off, int len) {
        if (mode == Mode.RAW && raw.add(buf, off, len)) {
            reportRaw();
            ctx.diagnostic(packet, "kept the first " + Sizes.text(raw.cap()) + " the client sent on a connection "
                    + "no parser reads; the canaries are not searched in the rest");
            finish();
        }
    }

    private void reportRaw() {
        report(new OpaqueConnection(raw.firstTime(), ctx.origin(), "tcp", ctx.client(), ctx.server(null), null,
                List.of(), null).withPayload(raw.bytes()), raw.firstPacket());
    }

    private void endWhileSniffing() {
        if (clientStart.size() > 0) {
            long packet = clientStart.packetAt(0);
            ctx.diagnostic(packet, "connection ended inside its first line, which starts like an HTTP request");
            notHttpOrTls(false);
            reportRaw();
        } else if (serverStart.size() > 0) {
            reportOpaque("tcp", null, serverStart.packetAt(0));
        }
    }

    // ---- tunnels ----

    private void enterTunnelIfAsked() {
        HttpConversation.Tunnel t = http.tunnel();
        if (t == null) {
            return;
        }
        inner = new ConnectionParser(ctx.tunnel(t.host(), t.port()));
        mode = Mode.TUNNEL;
        http = null;
        t.client().replay((p, time, b, o, l) -> inner.data(true, p, time, b, o, l));
        t.server().replay((p, time, b, o, l) -> inner.data(false, p, time, b, o, l));
        t.client().clear();
        t.server().clear();
    }

    // ---- reporting ----

    private void reportOpaque(String protocol, ClientHelloInfo hello, long packet) {
        String sni = hello == null ? null : hello.sni();
        List<String> alpn = hello == null ? List.of() : hello.alpn();
        Instant time = clientStart.size() > 0 ? clientStart.timeAt(0) : serverStart.timeAt(0);
        report(new OpaqueConnection(time, ctx.origin(), protocol, ctx.client(), ctx.server(sni), sni, alpn, null), packet);
    }

    private void report(OpaqueConnection c, long packet) {
        if (reported) {
            return;
        }
        reported = true;
        ctx.events().opaque(packet, c);
    }

    /** Stops reading: the rest of the connection is ignored. */
    private void finish() {
        mode = Mode.DONE;
        clientStart.clear();
        serverStart.clear();
    }

    private void fail(long packet, RuntimeException e) {
        mode = Mode.DONE;
        ctx.diagnostic(packet, "reading stopped after an internal error: " + e);
        if (http != null) {
            HttpConversation h = http;
            http = null;
            try {
                h.end();
            } catch (RuntimeException again) {
                ctx.diagnostic(packet, "pending exchanges lost after a second internal error: " + again);
            }
        }
    }
}
