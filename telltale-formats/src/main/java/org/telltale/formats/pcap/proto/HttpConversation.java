package org.telltale.formats.pcap.proto;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Reads HTTP/1.x from both directions of one connection at once (RFC 9112): requests from the
 * client, responses from the server matched to them in order (keep-alive and pipelining), and
 * hands each exchange on once both halves are whole. Stops at a switch of protocol: a CONNECT
 * that the proxy accepted leaves a {@link Tunnel} for the caller to read afresh.
 */
final class HttpConversation {
    /** Where the client reader is. */
    private enum Client { HEAD, BODY, HOLD, RESYNC, STOPPED }

    /** Where the server reader is. */
    private enum Server { HEAD, BODY, RESYNC, STOPPED }

    /**
     * The connection turned into a tunnel after an accepted CONNECT.
     *
     * @param host   the host asked for
     * @param port   the port asked for
     * @param client the client bytes that followed the CONNECT request
     * @param server the server bytes that followed the 2xx response
     */
    record Tunnel(String host, int port, StreamBuffer client, StreamBuffer server) {
    }

    /** Bytes looked at to judge whether a line can start a message, before its end has come. */
    private static final int PREFIX_CHECK = 64;

    private final ConnectionContext ctx;
    private final HttpLimits limits;
    private final ArrayDeque<PendingExchange> queue = new ArrayDeque<>();

    private final StreamBuffer in = new StreamBuffer();
    private Client client = Client.HEAD;
    private int clientScan;
    private int clientResyncFrom;
    private PendingExchange request;
    private BodyReader requestBody;

    private final StreamBuffer out = new StreamBuffer();
    private Server server = Server.HEAD;
    private int serverScan;
    private int serverResyncFrom;
    private PendingExchange response;
    private BodyReader responseBody;

    private Tunnel tunnel;
    private int exchangesSeen;

    HttpConversation(ConnectionContext ctx) {
        this.ctx = ctx;
        this.limits = ctx.limits();
    }

    /** Starts by looking for a request line anywhere, for a stream whose start the capture lost. */
    void resyncClient() {
        client = Client.RESYNC;
        clientResyncFrom = 0;
    }

    void data(boolean fromClient, long packet, Instant time, byte[] buf, int off, int len) {
        if (fromClient) {
            if (client == Client.STOPPED) {
                return;
            }
            if (client == Client.HOLD && in.size() + (long) len > limits.maxHeld()) {
                ctx.diagnostic(packet, "client sent over " + limits.maxHeld() + " bytes before the answer to "
                        + request.line.method() + "; dropped");
                in.clear();
                return;
            }
            int taken = client == Client.BODY && in.size() == 0 ? requestBody.takeDirect(buf, off, len) : 0;
            in.append(packet, time, buf, off + taken, len - taken);
        } else {
            if (server == Server.STOPPED) {
                return;
            }
            int taken = server == Server.BODY && out.size() == 0 ? responseBody.takeDirect(buf, off, len) : 0;
            out.append(packet, time, buf, off + taken, len - taken);
        }
        pump();
    }

    void gap(boolean fromClient, long packet, long length) {
        if (fromClient) {
            clientGap(packet, length);
        } else {
            serverGap(packet, length);
        }
        pump();
    }

    private void clientGap(long packet, long length) {
        switch (client) {
            case HEAD -> {
                if (in.size() > 0) {
                    ctx.diagnostic(packet, "capture lost " + length + " bytes inside a request head");
                }
                in.clear();
                resyncClient();
            }
            case BODY -> {
                request.incomplete = true;
                if (!requestBody.skipGap(length)) {
                    ctx.diagnostic(packet, "capture lost " + length + " bytes of a request body; looking for the next request");
                    request.finishRequest(requestBody);
                    in.clear();
                    resyncClient();
                }
            }
            case HOLD -> {
                request.incomplete = true;
                in.clear();
            }
            case RESYNC -> in.clear();
            default -> {
            }
        }
    }

    private void serverGap(long packet, long length) {
        switch (server) {
            case HEAD -> {
                out.clear();
                server = Server.RESYNC;
                serverResyncFrom = 0;
            }
            case BODY -> {
                response.incomplete = true;
                if (!responseBody.skipGap(length)) {
                    ctx.diagnostic(packet, "capture lost " + length + " bytes of a response body; looking for the next response");
                    response.finishResponse(responseBody);
                    afterResponse(response);
                    out.clear();
                    server = Server.RESYNC;
                    serverResyncFrom = 0;
                }
            }
            case RESYNC -> out.clear();
            default -> {
            }
        }
    }

    /** Runs both readers until neither can go further with the bytes held. */
    private void pump() {
        boolean progress = true;
        while (progress && tunnel == null) {
            progress = stepClient() | stepServer();
        }
        emitReady();
    }

    // ---- client side ----

    private boolean stepClient() {
        return switch (client) {
            case HEAD -> requestHead();
            case BODY -> requestBody();
            case RESYNC -> findRequest();
            case HOLD, STOPPED -> false;
        };
    }

    private boolean requestHead() {
        skipBlankLines(in);
        if (in.size() == 0) {
            return false;
        }
        byte[] b = in.array();
        int s = in.start();
        long packet = in.packetAt(0);
        if (RequestLine.scan(b, s, s + Math.min(in.size(), PREFIX_CHECK)) < 0) {
            ctx.diagnostic(packet, "expected an HTTP request, found other bytes; looking for the next request");
            enterClientResync();
            return true;
        }
        int end = headEnd(in, clientScan);
        if (end < 0) {
            clientScan = in.size();
            if (in.size() > limits.maxHead()) {
                ctx.diagnostic(packet, "request head longer than " + limits.maxHead() + " bytes; skipped");
                enterClientResync();
                return true;
            }
            return false;
        }
        clientScan = 0;
        if (end > limits.maxHead()) {
            ctx.diagnostic(packet, "request head longer than " + limits.maxHead() + " bytes; skipped");
            in.consume(end);
            enterClientResync();
            clientResyncFrom = 0;
            return true;
        }
        int lineEnd = RequestLine.scan(b, s, s + end);
        if (lineEnd <= 0) {
            ctx.diagnostic(packet, "malformed HTTP request line; looking for the next request");
            enterClientResync();
            return true;
        }
        RequestLine line = RequestLine.parse(b, s, HttpText.trimCr(b, s, lineEnd - 1));
        HeaderBlock headers = HeaderBlock.parse(b, lineEnd, s + end);
        PendingExchange x = new PendingExchange(packet, in.timeAt(0), line, headers.headers());
        if (headers.malformed() > 0) {
            ctx.diagnostic(packet, headers.malformed() + " malformed header line(s) in " + line.method() + " request skipped");
        }
        if (x.hasUnusableHost()) {
            ctx.diagnostic(packet, "unusable Host header; server named by its address");
        }
        in.consume(end);
        exchangesSeen++;
        if (queue.size() >= limits.maxPipelined()) {
            PendingExchange oldest = queue.removeFirst();
            oldest.incomplete = true;
            ctx.diagnostic(oldest.startPacket, "over " + limits.maxPipelined() + " requests without responses");
            ctx.events().exchange(oldest.startPacket, oldest.toExchange(ctx));
        }
        queue.addLast(x);
        request = x;
        requestBody = requestFraming(x, packet);
        client = Client.BODY;
        return true;
    }

    private BodyReader requestFraming(PendingExchange x, long packet) {
        String te = x.requestHeader("Transfer-Encoding");
        if (te != null) {
            if (lastCodingIsChunked(te)) {
                return body(BodyReader.Framing.CHUNKED, 0);
            }
            ctx.diagnostic(packet, "request with Transfer-Encoding '" + te + "' that is not chunked; body not read");
            x.incomplete = true;
            return body(BodyReader.Framing.NONE, 0);
        }
        String cl = x.requestHeader("Content-Length");
        if (cl == null) {
            return body(BodyReader.Framing.NONE, 0);
        }
        long length = contentLength(cl);
        if (length < 0) {
            ctx.diagnostic(packet, "request with unreadable Content-Length '" + cl + "'; body not read");
            x.incomplete = true;
            return body(BodyReader.Framing.NONE, 0);
        }
        return body(BodyReader.Framing.LENGTH, length);
    }

    private boolean requestBody() {
        BodyReader.Progress p = requestBody.read(in);
        if (p == BodyReader.Progress.MORE) {
            return false;
        }
        request.finishRequest(requestBody);
        if (p == BodyReader.Progress.BROKEN) {
            ctx.diagnostic(in.packetAt(0), "request body: " + requestBody.problem() + "; looking for the next request");
            request.incomplete = true;
            enterClientResync();
            return true;
        }
        client = request.mayLeaveHttp() && !request.responseDone ? Client.HOLD : Client.HEAD;
        return true;
    }

    private boolean findRequest() {
        byte[] b = in.array();
        int s = in.start();
        int n = in.size();
        for (int i = clientResyncFrom; i < n; i++) {
            if (i > 0 && b[s + i - 1] != '\n') {
                continue;
            }
            if (RequestLine.scan(b, s + i, s + Math.min(n, i + PREFIX_CHECK)) >= 0) {
                in.consume(i);
                clientResyncFrom = 0;
                clientScan = 0;
                client = Client.HEAD;
                return true;
            }
        }
        in.consume(n);
        clientResyncFrom = 0;
        return false;
    }

    private void enterClientResync() {
        client = Client.RESYNC;
        clientResyncFrom = 1;
        clientScan = 0;
    }

    // ---- server side ----

    private boolean stepServer() {
        return switch (server) {
            case HEAD -> responseHead();
            case BODY -> responseBody();
            case RESYNC -> findResponse();
            case STOPPED -> false;
        };
    }

    private boolean responseHead() {
        PendingExchange x = awaitingResponse();
        if (x == null) {
            if (out.size() > limits.maxHead()) {
                ctx.diagnostic(out.packetAt(0), "server sent " + out.size() + " bytes with no request to answer; dropped");
                out.clear();
            }
            return false;
        }
        skipBlankLines(out);
        if (out.size() == 0) {
            return false;
        }
        byte[] b = out.array();
        int s = out.start();
        long packet = out.packetAt(0);
        if (StatusLine.scan(b, s, s + Math.min(out.size(), PREFIX_CHECK)) < 0) {
            ctx.diagnostic(packet, "expected an HTTP response, found other bytes; looking for the next response");
            enterServerResync();
            return true;
        }
        int end = headEnd(out, serverScan);
        if (end < 0) {
            serverScan = out.size();
            if (out.size() > limits.maxHead()) {
                ctx.diagnostic(packet, "response head longer than " + limits.maxHead() + " bytes; skipped");
                enterServerResync();
                return true;
            }
            return false;
        }
        serverScan = 0;
        if (end > limits.maxHead()) {
            ctx.diagnostic(packet, "response head longer than " + limits.maxHead() + " bytes; skipped");
            out.consume(end);
            x.incomplete = true;
            x.finishResponse(null);
            afterResponse(x);
            enterServerResync();
            serverResyncFrom = 0;
            return true;
        }
        int lineEnd = StatusLine.scan(b, s, s + end);
        if (lineEnd <= 0) {
            ctx.diagnostic(packet, "malformed HTTP status line; looking for the next response");
            enterServerResync();
            return true;
        }
        StatusLine status = StatusLine.parse(b, s);
        HeaderBlock headers = HeaderBlock.parse(b, lineEnd, s + end);
        out.consume(end);
        int code = status.status();
        if (code >= 100 && code < 200 && code != 101) {
            return true;
        }
        x.responseHead(status, headers.headers());
        if (code == 101) {
            x.finishResponse(null);
            stopBoth();
            return true;
        }
        if (x.isConnect() && code >= 200 && code < 300) {
            x.finishResponse(null);
            tunnel = new Tunnel(authorityHost(x.line.target()), authorityPort(x.line.target()), in, out);
            stopBoth();
            return true;
        }
        response = x;
        responseBody = responseFraming(x, status, packet);
        server = Server.BODY;
        return true;
    }

    private BodyReader responseFraming(PendingExchange x, StatusLine status, long packet) {
        int code = status.status();
        if (x.isHead() || code == 204 || code == 304) {
            return body(BodyReader.Framing.NONE, 0);
        }
        String te = x.responseHeader("Transfer-Encoding");
        if (te != null) {
            return body(lastCodingIsChunked(te) ? BodyReader.Framing.CHUNKED : BodyReader.Framing.UNTIL_CLOSE, 0);
        }
        String cl = x.responseHeader("Content-Length");
        if (cl == null) {
            return body(BodyReader.Framing.UNTIL_CLOSE, 0);
        }
        long length = contentLength(cl);
        if (length < 0) {
            ctx.diagnostic(packet, "response with unreadable Content-Length '" + cl + "'; read to the end of the connection");
            x.incomplete = true;
            return body(BodyReader.Framing.UNTIL_CLOSE, 0);
        }
        return body(BodyReader.Framing.LENGTH, length);
    }

    private boolean responseBody() {
        BodyReader.Progress p = responseBody.read(out);
        if (p == BodyReader.Progress.MORE) {
            return false;
        }
        response.finishResponse(responseBody);
        if (p == BodyReader.Progress.BROKEN) {
            ctx.diagnostic(out.packetAt(0), "response body: " + responseBody.problem() + "; looking for the next response");
            response.incomplete = true;
            afterResponse(response);
            enterServerResync();
            return true;
        }
        afterResponse(response);
        server = Server.HEAD;
        return true;
    }

    /** A held client goes on reading requests once the answer to CONNECT or Upgrade was a refusal. */
    private void afterResponse(PendingExchange x) {
        if (client == Client.HOLD && x == request) {
            client = Client.HEAD;
        }
    }

    private boolean findResponse() {
        byte[] b = out.array();
        int s = out.start();
        int n = out.size();
        for (int i = serverResyncFrom; i < n; i++) {
            if (i > 0 && b[s + i - 1] != '\n') {
                continue;
            }
            if (StatusLine.scan(b, s + i, s + Math.min(n, i + PREFIX_CHECK)) >= 0) {
                out.consume(i);
                serverResyncFrom = 0;
                serverScan = 0;
                server = Server.HEAD;
                return true;
            }
        }
        out.consume(n);
        serverResyncFrom = 0;
        return false;
    }

    private void enterServerResync() {
        server = Server.RESYNC;
        serverResyncFrom = 1;
        serverScan = 0;
    }

    /** The first exchange whose response has not been read, or null. */
    private PendingExchange awaitingResponse() {
        for (PendingExchange x : queue) {
            if (!x.responseDone) {
                return x;
            }
        }
        return null;
    }

    /** Leaves HTTP: neither side is read any more; a request still sending its body ends here. */
    private void stopBoth() {
        if (client == Client.BODY && !request.requestDone) {
            request.finishRequest(requestBody);
        }
        client = Client.STOPPED;
        server = Server.STOPPED;
    }

    // ---- hand-over and end ----

    /** The tunnel the connection turned into, or null. */
    Tunnel tunnel() {
        return tunnel;
    }

    /** True once at least one request was read. */
    boolean sawExchange() {
        return exchangesSeen > 0;
    }

    long earliestPending() {
        long earliest = Long.MAX_VALUE;
        if (!queue.isEmpty()) {
            earliest = queue.peekFirst().startPacket;
        }
        if ((client == Client.HEAD || client == Client.HOLD) && in.size() > 0) {
            earliest = Math.min(earliest, in.packetAt(0));
        }
        return earliest;
    }

    private void emitReady() {
        while (!queue.isEmpty() && queue.peekFirst().requestDone && queue.peekFirst().responseDone) {
            PendingExchange x = queue.removeFirst();
            ctx.events().exchange(x.startPacket, x.toExchange(ctx));
        }
    }

    /** The connection ended: whatever is under way is finished as it stands and handed on. */
    void end() {
        skipBlankLines(in);
        if (client == Client.BODY && !request.requestDone) {
            if (!requestBody.completeAtClose()) {
                request.incomplete = true;
            }
            request.finishRequest(requestBody);
        } else if (client == Client.HEAD && in.size() > 0) {
            partialRequest();
        }
        if (server == Server.BODY && !response.responseDone) {
            if (!responseBody.completeAtClose()) {
                response.incomplete = true;
            }
            response.finishResponse(responseBody);
        } else if (server == Server.HEAD && out.size() > 0 && awaitingResponse() != null) {
            awaitingResponse().incomplete = true;
            ctx.diagnostic(out.packetAt(0), "connection ended inside a response head");
        }
        for (PendingExchange x : queue) {
            x.requestDone = true;
            x.responseDone = true;
        }
        emitReady();
    }

    /** A request cut inside its head: kept when its request line is whole, as an incomplete exchange. */
    private void partialRequest() {
        byte[] b = in.array();
        int s = in.start();
        int lineEnd = RequestLine.scan(b, s, s + in.size());
        long packet = in.packetAt(0);
        if (lineEnd <= 0) {
            ctx.diagnostic(packet, "connection ended inside a request line");
            return;
        }
        RequestLine line = RequestLine.parse(b, s, HttpText.trimCr(b, s, lineEnd - 1));
        HeaderBlock headers = HeaderBlock.parse(b, lineEnd, s + in.size());
        PendingExchange x = new PendingExchange(packet, in.timeAt(0), line, headers.headers());
        x.incomplete = true;
        x.requestDone = true;
        exchangesSeen++;
        queue.addLast(x);
        in.clear();
    }

    // ---- helpers ----

    private BodyReader body(BodyReader.Framing framing, long length) {
        return new BodyReader(framing, length, limits.maxBody(), limits.maxHead());
    }

    /** Skips the empty lines a message may be preceded by (RFC 9112 section 2.2). */
    private static void skipBlankLines(StreamBuffer buf) {
        int n = 0;
        while (n < buf.size() && (buf.at(n) == '\r' || buf.at(n) == '\n')) {
            n++;
        }
        if (n > 0) {
            buf.consume(n);
        }
    }

    /**
     * The length of the head at the start of the buffer, up to and with its empty line, or -1 when
     * it has not ended yet; scanning resumes near where the last call stopped.
     */
    private static int headEnd(StreamBuffer buf, int resumeAt) {
        byte[] b = buf.array();
        int s = buf.start();
        int n = buf.size();
        for (int i = Math.max(1, resumeAt - 2); i < n; i++) {
            if (b[s + i] != '\n') {
                continue;
            }
            if (b[s + i - 1] == '\n' || b[s + i - 1] == '\r' && i >= 2 && b[s + i - 2] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean lastCodingIsChunked(String te) {
        String[] codings = te.split(",");
        return codings[codings.length - 1].strip().toLowerCase(Locale.ROOT).equals("chunked");
    }

    /** A Content-Length value (equal repeated values allowed); -1 when unreadable. */
    private static long contentLength(String value) {
        long found = -1;
        for (String part : value.split(",")) {
            String v = part.strip();
            if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            long n = Long.parseLong(v);
            if (found >= 0 && n != found) {
                return -1;
            }
            found = n;
        }
        return found;
    }

    private static String authorityHost(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close > 0 ? authority.substring(1, close) : authority;
        }
        int colon = authority.lastIndexOf(':');
        return colon > 0 ? authority.substring(0, colon) : authority;
    }

    private static int authorityPort(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || colon < authority.lastIndexOf(']')) {
            return 443;
        }
        try {
            int port = Integer.parseInt(authority.substring(colon + 1));
            return port > 0 && port < 65536 ? port : 443;
        } catch (NumberFormatException e) {
            return 443;
        }
    }
}
