package org.telltale.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS load through an HTTP proxy (CONNECT, then TLS to the origin inside the tunnel) or straight to
 * the origin, for {@code bench/proxy.sh}: POSTs of a fixed body with a fixed number in flight, for a
 * fixed time after a warm-up or for a fixed number of requests, trusting only the CA given (the
 * origin's when direct, the proxy's when through one). Prints one line of {@code key=value}.
 *
 * <p>Modes, each with {@code --inflight N} workers:
 * <ul>
 *   <li>{@code keepalive}: HTTP/1.1 (ALPN http/1.1), each worker one kept-alive TLS connection, one
 *       request at a time on it (no pipelining), so N requests in flight;</li>
 *   <li>{@code h2}: the JDK's HttpClient with HTTP/2 and {@code ProxySelector.of(proxy)}: one
 *       connection (made by a first request before the workers start), N streams in flight on it;</li>
 *   <li>{@code hold}: opens {@code --connections C} kept-alive connections (CONNECT, TLS, one request
 *       each, N opened at a time), prints {@code held=C}, keeps them idle for {@code --hold S} seconds,
 *       then closes them.</li>
 * </ul>
 * Latency is per request, from writing it to reading the last byte of its response. Plain sockets
 * and the JDK's TLS for HTTP/1.1; no Netty. A new connection per request is left to curl (OpenSSL) in
 * {@code bench/proxy.sh}: the JDK 17 client spends about 10 ms of CPU on each full TLS handshake (its
 * P-256 and X25519 arithmetic), which on a small machine would measure the client, not the proxy.
 *
 * <p>Usage: {@code ProxyLoad MODE --url https://localhost:PORT/PATH --ca PEM [--proxy HOST:PORT]
 * [--inflight N] [--warmup S] [--seconds S | --requests N] [--body BYTES] [--connections C --hold S]
 * [--pid PROXY_PID --hz CLK_TCK]}; {@code ProxyLoad body [BYTES]} prints the request body.
 */
public final class ProxyLoad {
    private final String mode;
    private final URI url;
    private final String host;
    private final int port;
    private final InetSocketAddress proxy;
    private final SSLContext tls;
    private final int inflight;
    private final double warmup;
    private final double seconds;
    private final long requests;
    private final byte[] body;
    private final byte[] request;
    private final int connections;
    private final double hold;

    /** The proxy process whose CPU time is read at the start and end of the measured window, or 0. */
    private final long pid;
    private final double hz;
    private final AtomicLong errors = new AtomicLong();
    private volatile String firstError;

    /** 0 warm-up, 1 measuring, 2 stop. */
    private volatile int phase;
    private volatile long measureStart;
    private volatile long measureEnd = Long.MAX_VALUE;
    private final AtomicLong tickets = new AtomicLong();

    private ProxyLoad(Map<String, String> o) throws Exception {
        mode = o.get("mode");
        url = URI.create(o.get("url"));
        host = url.getHost();
        port = url.getPort() < 0 ? 443 : url.getPort();
        String p = o.get("proxy");
        if (p == null || p.isEmpty()) {
            proxy = null;
        } else {
            int colon = p.lastIndexOf(':');
            proxy = new InetSocketAddress(p.substring(0, colon), Integer.parseInt(p.substring(colon + 1)));
        }
        tls = trusting(Path.of(o.get("ca")));
        inflight = Integer.parseInt(o.getOrDefault("inflight", "8"));
        warmup = Double.parseDouble(o.getOrDefault("warmup", "0"));
        seconds = Double.parseDouble(o.getOrDefault("seconds", "0"));
        requests = Long.parseLong(o.getOrDefault("requests", "0"));
        body = body(Integer.parseInt(o.getOrDefault("body", "1024")));
        connections = Integer.parseInt(o.getOrDefault("connections", "1000"));
        hold = Double.parseDouble(o.getOrDefault("hold", "10"));
        pid = Long.parseLong(o.getOrDefault("pid", "0"));
        hz = Double.parseDouble(o.getOrDefault("hz", "100"));
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUser-Agent: telltale-bench\r\n"
                + "Accept: */*\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        r.writeBytes(body);
        request = r.toByteArray();
    }

    /**
     * A JSON body of exactly n bytes, shaped like an analytics event, the same for every request; its
     * padding is words, so that no built-in detector or decoder (base64, hex) has anything to find.
     */
    static byte[] body(int n) {
        String head = "{\"event\":\"page_view\",\"app\":\"org.example.bench\",\"session\":"
                + "\"5f1c2a9e-4b7d-4c3e-9a61-0d2b8e7f4a13\",\"props\":{\"pad\":\"";
        String tail = "\"}}";
        StringBuilder b = new StringBuilder(head);
        String words = "the quick brown fox jumps over the lazy dog while the band plays on ";
        for (int i = 0; b.length() < n - tail.length(); i++) {
            b.append(words.charAt(i % words.length()));
        }
        b.append(tail);
        byte[] bytes = b.toString().getBytes(StandardCharsets.US_ASCII);
        return n < head.length() + tail.length() ? Arrays.copyOf(bytes, n) : bytes;
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(pem)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.setCertificateEntry("ca-" + n++, c);
            }
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(anchors);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, f.getTrustManagers(), null);
        return c;
    }

    // ---- HTTP/1.1 over plain sockets ----

    /** One TLS connection to the origin, through the proxy's CONNECT tunnel when there is a proxy. */
    private final class Connection implements AutoCloseable {
        final SSLSocket socket;
        final BufferedInputStream in;
        final OutputStream out;

        Connection() throws IOException {
            Socket raw = new Socket();
            raw.setTcpNoDelay(true);
            try {
                if (proxy != null) {
                    raw.connect(proxy, 10_000);
                    OutputStream o = raw.getOutputStream();
                    o.write(("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    o.flush();
                    String status = connectResponse(raw.getInputStream());
                    if (!status.matches("HTTP/1\\.[01] 200.*")) {
                        throw new IOException("CONNECT refused: " + status);
                    }
                } else {
                    raw.connect(new InetSocketAddress(host, port), 10_000);
                }
                SSLSocketFactory factory = tls.getSocketFactory();
                socket = (SSLSocket) factory.createSocket(raw, host, port, true);
                SSLParameters params = socket.getSSLParameters();
                params.setApplicationProtocols(new String[] {"http/1.1"});
                params.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(params);
                socket.startHandshake();
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        /** Sends the request and reads the whole response; fails unless it is a 200. */
        void exchange() throws IOException {
            out.write(request);
            out.flush();
            readResponse(in);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    /** The proxy's answer to CONNECT, read byte by byte so that nothing of the TLS after it is consumed. */
    private static String connectResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the proxy closed the connection after CONNECT");
            }
            head.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        String s = head.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.indexOf('\r'));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed in a response head");
            }
            if (c == '\n') {
                int l = b.length();
                return l > 0 && b.charAt(l - 1) == '\r' ? b.substring(0, l - 1) : b.toString();
            }
            b.append((char) c);
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("connection closed in a response body");
                }
                s = 1;
            }
            n -= s;
        }
    }

    /** Reads one response (Content-Length or chunked) whole. */
    static void readResponse(InputStream in) throws IOException {
        String status = line(in);
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            while (true) {
                String size = line(in);
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    for (String t = line(in); !t.isEmpty(); t = line(in)) {
                        // trailers
                    }
                    break;
                }
                skip(in, n);
                line(in);
            }
        } else if (length >= 0) {
            skip(in, length);
        } else {
            throw new IOException("a response without length: " + status);
        }
        if (!status.startsWith("HTTP/1.1 200") && !status.startsWith("HTTP/1.0 200")) {
            throw new IOException("status: " + status);
        }
    }

    // ---- the measured loop ----

    /** Latencies (ns) of one worker's requests completed inside the measured window. */
    private static final class Latencies {
        long[] values = new long[1 << 16];
        int n;

        void add(long v) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
        }
    }

    private interface Request {
        void run() throws Exception;
    }

    private static final int STOP = 0;
    private static final int DONE = 1;
    private static final int FAILED = 2;

    /** Runs one request, timing it: DONE, FAILED, or STOP when the worker should stop without running it. */
    private int timed(Request r, Latencies l) {
        if (requests > 0 && tickets.incrementAndGet() > requests) {
            return STOP;
        }
        if (phase == 2) {
            return STOP;
        }
        long start = System.nanoTime();
        try {
            r.run();
        } catch (Exception e) {
            error(e);
            return FAILED;
        }
        long end = System.nanoTime();
        if (phase == 1 && start >= measureStart && end <= measureEnd) {
            l.add(end - start);
        }
        return DONE;
    }

    private boolean over() {
        return phase == 2 || (requests > 0 && tickets.get() >= requests);
    }

    private void error(Exception e) {
        if (errors.incrementAndGet() == 1) {
            firstError = e.toString();
        }
    }

    private void keepaliveWorker(Latencies l) {
        Connection c = null;
        try {
            while (true) {
                if (c == null) {
                    try {
                        c = new Connection();
                    } catch (IOException | RuntimeException e) {
                        error(e);
                        if (over()) {
                            return;
                        }
                        Thread.sleep(10);
                        continue;
                    }
                }
                int outcome = timed(c::exchange, l);
                if (outcome == STOP) {
                    return;
                }
                if (outcome == FAILED) {
                    c.close();
                    c = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    private HttpClient h2Client() {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10));
        b.proxy(proxy == null ? HttpClient.Builder.NO_PROXY : ProxySelector.of(proxy));
        return b.build();
    }

    private HttpResponse<byte[]> h2Send(HttpClient client) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").header("User-Agent", "telltale-bench").build();
        HttpResponse<byte[]> response = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("status " + response.statusCode());
        }
        return response;
    }

    private void run() throws Exception {
        if (mode.equals("hold")) {
            hold();
            return;
        }
        HttpClient client = null;
        String protocol = "HTTP_1_1";
        if (mode.equals("h2")) {
            client = h2Client();
            protocol = h2Send(client).version().name(); // one connection, made before the workers start
        } else if (!mode.equals("keepalive")) {
            throw new IllegalArgumentException("mode: keepalive, h2 or hold, not " + mode);
        }
        HttpClient h2 = client;
        List<Latencies> all = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < inflight; i++) {
            Latencies l = new Latencies();
            all.add(l);
            Runnable work = switch (mode) {
                case "keepalive" -> () -> keepaliveWorker(l);
                default -> () -> {
                    while (timed(() -> h2Send(h2), l) != STOP) {
                        // next request
                    }
                };
            };
            Thread t = new Thread(work, "load-" + i);
            workers.add(t);
        }
        long cpuStart = 0;
        long cpuEnd = 0;
        if (requests > 0) {
            cpuStart = cpuTicks();
            measureStart = System.nanoTime();
            phase = 1;
        }
        workers.forEach(Thread::start);
        if (requests == 0) {
            Thread.sleep((long) (warmup * 1000));
            cpuStart = cpuTicks();
            measureStart = System.nanoTime();
            phase = 1;
            Thread.sleep((long) (seconds * 1000));
            measureEnd = System.nanoTime();
            cpuEnd = cpuTicks();
            phase = 2;
        }
        for (Thread t : workers) {
            t.join();
        }
        if (requests > 0) {
            measureEnd = System.nanoTime();
            cpuEnd = cpuTicks();
        }
        long[] merged = new long[all.stream().mapToInt(l -> l.n).sum()];
        int at = 0;
        for (Latencies l : all) {
            System.arraycopy(l.values, 0, merged, at, l.n);
            at += l.n;
        }
        Arrays.sort(merged);
        double window = (measureEnd - measureStart) / 1e9;
        double cpu = (cpuEnd - cpuStart) / hz;
        System.out.printf(Locale.ROOT, "mode=%s protocol=%s inflight=%d requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f "
                        + "p99_ms=%.3f max_ms=%.3f errors=%d proxy_cpu_s=%.2f proxy_cpu_ms_per_request=%.3f%s%n", mode,
                protocol, inflight, merged.length, window, merged.length / window, pct(merged, 0.50), pct(merged, 0.99),
                pct(merged, 1.0), errors.get(), cpu, merged.length == 0 ? Double.NaN : cpu * 1000 / merged.length,
                firstError == null ? "" : " first_error=" + firstError.replace(' ', '_'));
        if (client != null) {
            ExecutorService e = (ExecutorService) client.executor().orElse(null);
            if (e != null) {
                e.shutdownNow();
            }
        }
    }

    /** User and system CPU ticks of the proxy process so far (0 without --pid). */
    private long cpuTicks() throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime and stime, fields 14 and 15
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.round(p * (sorted.length - 1))] / 1e6;
    }

    /** Opens the connections, one request on each, and keeps them idle. */
    private void hold() throws Exception {
        List<Connection> open = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService openers = Executors.newFixedThreadPool(inflight);
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            openers.execute(() -> {
                try {
                    Connection c = new Connection();
                    c.exchange();
                    open.add(c);
                } catch (IOException | RuntimeException e) {
                    error(e);
                }
            });
        }
        openers.shutdown();
        openers.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        System.out.printf(Locale.ROOT, "mode=hold held=%d errors=%d opened_in_s=%.1f%s%n", open.size(), errors.get(),
                (System.nanoTime() - start) / 1e9, firstError == null ? "" : " first_error=" + firstError.replace(' ', '_'));
        System.out.flush();
        Thread.sleep((long) (hold * 1000));
        open.forEach(Connection::close);
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("body")) { // the request body, for curl to send the same
            System.out.write(body(args.length > 1 ? Integer.parseInt(args[1]) : 1024));
            System.out.flush();
            return;
        }
        Map<String, String> o = new HashMap<>();
        o.put("mode", args[0]);
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, not " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        if (!o.containsKey("url") || !o.containsKey("ca")) {
            System.err.println("usage: ProxyLoad keepalive|h2|hold --url https://HOST:PORT/PATH --ca PEM "
                    + "[--proxy HOST:PORT] [--inflight N] [--warmup S] [--seconds S | --requests N] [--body BYTES] "
                    + "[--connections C --hold S] [--pid PROXY_PID --hz CLK_TCK]");
            System.exit(2);
        }
        new ProxyLoad(o).run();
        System.exit(0);
    }
}
