package org.telltale.proxy.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.Endpoint;
import org.telltale.api.Exchange;
import org.telltale.api.Header;
import org.telltale.api.HttpRequest;
import org.telltale.api.HttpResponse;
import org.telltale.api.Message;

/**
 * An exchange while it happens: the request as read, the response as written back, the WebSocket
 * messages after an upgrade. Becomes an {@link Exchange} once, when it ends or is cut. Confined to
 * the event loop of its client connection.
 */
public final class ExchangeDraft {
    private final ProxyRuntime runtime;
    private final String origin;
    private final Endpoint client;
    private final Instant time;
    private final HttpRequest requestHead;
    private final BodyRecorder requestBody;
    private Endpoint server;
    private boolean requestEnded;
    private boolean forwarded = true;
    private boolean answeredByProxy;
    private int status;
    private List<Header> responseHeaders;
    private BodyRecorder responseBody;
    private boolean emitted;

    // A WebSocket's messages, in parts of at most bodyLimit bytes per direction.
    private final List<Message> messages = new ArrayList<>();
    private final long[] messageBytes = new long[2];
    private boolean messageTruncated;
    private int part = 1;

    public ExchangeDraft(ProxyRuntime runtime, String origin, Endpoint client, Endpoint server, Instant time,
                         HttpRequest requestHead) {
        this.runtime = runtime;
        this.origin = origin;
        this.client = client;
        this.server = server;
        this.time = time;
        this.requestHead = requestHead;
        this.requestBody = new BodyRecorder(runtime.settings().bodyLimit());
    }

    public String origin() {
        return origin;
    }

    public HttpRequest requestHead() {
        return requestHead;
    }

    public BodyRecorder requestBody() {
        return requestBody;
    }

    public void requestEnded() {
        requestEnded = true;
    }

    /** The server as the upstream connection found it: host, IP and port. */
    public void server(Endpoint server) {
        this.server = server;
    }

    /** The request was answered by the proxy itself (an upstream failure): no response is recorded. */
    public void notForwarded() {
        forwarded = false;
    }

    public boolean forwarded() {
        return forwarded;
    }

    /** The server gave no response and the proxy answered the client itself: that answer is not recorded. */
    public void answeredByProxy() {
        answeredByProxy = true;
    }

    public void response(int status, List<Header> headers) {
        this.status = status;
        this.responseHeaders = headers;
        this.responseBody = new BodyRecorder(runtime.settings().bodyLimit());
    }

    public boolean hasResponse() {
        return responseHeaders != null;
    }

    /** The response body recorder; null before the response head. */
    public BodyRecorder responseBody() {
        return responseBody;
    }

    public boolean emitted() {
        return emitted;
    }

    /**
     * Records one WebSocket message. When a direction's messages of this part reach the limit, the
     * part so far is emitted and the next message starts a new part, "... part 2".
     */
    public void message(boolean fromClient, Instant when, boolean text, byte[] data) {
        int side = fromClient ? 0 : 1;
        long limit = runtime.settings().bodyLimit();
        if (messageBytes[side] + data.length > limit && !messages.isEmpty()) {
            emitPart();
        }
        messages.add(new Message(fromClient, when, text, data));
        messageBytes[side] += data.length;
    }

    /** Bytes recorded per body, and per WebSocket direction and part. */
    public long bodyLimit() {
        return runtime.settings().bodyLimit();
    }

    /** A WebSocket message was longer than the limit and kept only in part. */
    public void messageTruncated() {
        messageTruncated = true;
    }

    /** Emits the exchange as it ended; {@code cut} when the connection died before the end. */
    public void emit(boolean cut) {
        if (emitted) {
            return;
        }
        emitted = true;
        runtime.observe(toExchange(cut));
    }

    private void emitPart() {
        runtime.observe(toExchange(false));
        messages.clear();
        messageBytes[0] = 0;
        messageBytes[1] = 0;
        messageTruncated = false;
        part++;
    }

    private Exchange toExchange(boolean cut) {
        HttpRequest request = new HttpRequest(requestHead.method(), requestHead.url(), requestHead.httpVersion(),
                requestHead.headers(), requestBody.bytes());
        HttpResponse response = forwarded && !answeredByProxy && responseHeaders != null
                ? new HttpResponse(status, responseHeaders, responseBody.bytes()) : null;
        boolean truncated = requestBody.truncated() || (responseBody != null && responseBody.truncated())
                || messageTruncated;
        boolean incomplete = forwarded && (cut || truncated || !requestEnded || response == null);
        String name = part == 1 ? origin : origin + " part " + part;
        return new Exchange(time, name, client, server, request, response, messages, null, incomplete);
    }
}
