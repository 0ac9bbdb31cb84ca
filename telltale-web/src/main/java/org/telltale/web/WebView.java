package org.telltale.web;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;

import io.javalin.Javalin;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;

import org.telltale.report.html.HtmlPage;
import org.telltale.report.html.ReportIndex;
import org.telltale.report.html.ReportJson;

/**
 * {@code telltale ui}: the report page served from a case, with findings and evidence read page by
 * page as the reader opens them. It listens on loopback unless told otherwise, and answers only a
 * request that carries the random token printed with its address (in the page's query, then in a
 * header the page's script sends), for the Host it was started on, so another page in the same
 * browser cannot read the case (DNS rebinding included). Every response carries the report's
 * Content-Security-Policy.
 */
public final class WebView implements AutoCloseable {
    /** The most findings one request returns. */
    static final int MAX_PAGE = 500;
    private static final String TOKEN_HEADER = "X-Telltale-Token";
    private static final String ANY_HOST = "*";

    private final Javalin app;
    private final String token;
    private final String host;

    private WebView(Javalin app, String token, String host) {
        this.app = app;
        this.token = token;
        this.host = host;
    }

    /**
     * Serves a report.
     *
     * @param host the address to listen on ("127.0.0.1" unless the user says otherwise)
     * @param port the port, or 0 for a free one
     */
    public static WebView start(ReportIndex index, String host, int port) {
        return start(ReportSource.of(index), host, port);
    }

    /** Serves a report that may change as it is served (a case being recorded). */
    public static WebView start(ReportSource source, String host, int port) {
        String token = newToken();
        Set<String> hosts = new HashSet<>();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(ctx -> guard(ctx, token, hosts));
            config.routes.get("/", ctx -> page(ctx, source.current()));
            config.routes.get("/api/version", ctx -> version(ctx, source.current()));
            config.routes.get("/api/findings", ctx -> findings(ctx, asked(ctx, source.current())));
            config.routes.get("/api/evidence", ctx -> evidence(ctx, asked(ctx, source.current())));
        });
        app.start(host, port);
        int bound = app.port();
        boolean anyAddress = "0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host);
        String shown = anyAddress ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        if (anyAddress) {
            // Reached under whatever name or address other machines use; the token still guards every request.
            hosts.add(ANY_HOST);
        } else {
            hosts.add(shown + ":" + bound);
            if ("127.0.0.1".equals(host) || "::1".equals(host)) {
                hosts.add("localhost:" + bound);
            }
        }
        return new WebView(app, token, shown + ":" + bound);
    }

    /** The address to open, token included. */
    public URI uri() {
        return URI.create("http://" + host + "/?token=" + token);
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void guard(Context ctx, String token, Set<String> hosts) {
        secure(ctx);
        String h = ctx.header("Host");
        if (!hosts.contains(ANY_HOST) && (h == null || !hosts.contains(h.toLowerCase(Locale.ROOT)))) {
            throw new ForbiddenResponse("unknown host");
        }
        String given = ctx.path().equals("/") ? ctx.queryParam("token") : ctx.header(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenResponse("a token is needed; open the address telltale ui printed");
        }
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", HtmlPage.contentSecurityPolicy(true));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Frame-Options", "DENY");
    }

    private static void page(Context ctx, ReportSource.Snapshot now) throws IOException {
        StringWriter out = new StringWriter();
        if (now.recording() == null) {
            HtmlPage.writeLive(now.index(), out);
        } else {
            HtmlPage.writeRecording(now.index(), out, now.recording());
        }
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    private static void version(Context ctx, ReportSource.Snapshot now) {
        ctx.contentType("application/json").result(now.recording() == null ? "{}"
                : "{\"recording_version\":" + now.recording() + "}");
    }

    /**
     * The index a request is answered from: a page drawn from an older state of a recording would get
     * the wrong findings by number, so it is told to reload instead.
     */
    private static ReportIndex asked(Context ctx, ReportSource.Snapshot now) {
        if (now.recording() != null && !String.valueOf(now.recording()).equals(ctx.queryParam("recording_version"))) {
            throw new ConflictResponse("the recording has moved on; reload the page");
        }
        return now.index();
    }

    private static void findings(Context ctx, ReportIndex index) throws IOException {
        int group = number(ctx, "group", 0, index.groups().size() - 1);
        int total = index.groups().get(group).findings().size();
        int offset = number(ctx, "offset", 0, Integer.MAX_VALUE);
        int limit = number(ctx, "limit", 1, MAX_PAGE);
        int first = index.firstFinding(group);
        StringWriter out = new StringWriter();
        JsonGenerator g = ReportJson.generator(out);
        g.writeStartObject();
        g.writeNumberField("total", total);
        g.writeArrayFieldStart("findings");
        for (int i = offset; i < Math.min(total, offset + (long) limit); i++) {
            ReportJson.finding(g, index, first + i);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        ctx.contentType("application/json").result(out.toString());
    }

    private static void evidence(Context ctx, ReportIndex index) throws IOException {
        int id = number(ctx, "finding", 0, index.findings().size() - 1);
        StringWriter out = new StringWriter();
        JsonGenerator g = ReportJson.generator(out);
        ReportJson.evidence(g, index, id);
        g.flush();
        ctx.contentType("application/json").result(out.toString());
    }

    private static int number(Context ctx, String name, int min, int max) {
        String v = ctx.queryParam(name);
        try {
            int n = Integer.parseInt(v == null ? "" : v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new NotFoundResponse("no " + name + " " + (v == null ? "" : v.length() > 20 ? v.substring(0, 20) : v));
    }

    private static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
