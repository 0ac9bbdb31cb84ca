package org.telltale.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The report page: one HTML file with its style, its script and its data inline, so it works
 * offline and from a USB stick. The page is a fixed shell; one script renders everything from the
 * embedded data, and captured text reaches the page only as text nodes, never as markup. A
 * Content-Security-Policy allows exactly that script and style (by their SHA-256) and no request to
 * any network; the live view serves the same shell, allowed to ask its own server for more.
 */
public final class HtmlPage {
    private static final String SHELL = resource("report.html");
    private static final String STYLE = resource("report.css");
    private static final String SCRIPT = resource("report.js");
    private static final String DATA = "{{data}}";
    private static final String MORE = "{{more}}";

    private HtmlPage() {
    }

    /** A self-contained report: every finding and its evidence embedded. */
    public static void write(ReportIndex index, Writer out) throws IOException {
        write(index, out, true, null);
    }

    /** The live view's page: the summary embedded, findings and evidence asked of the server it came from. */
    public static void writeLive(ReportIndex index, Writer out) throws IOException {
        write(index, out, false, null);
    }

    /**
     * The live view's page of a case being recorded: it asks the server now and then whether the case
     * has moved on from {@code recording}, and offers to reload.
     */
    public static void writeRecording(ReportIndex index, Writer out, long recording) throws IOException {
        write(index, out, false, recording);
    }

    /** The policy a page is served with: its own script and style, nothing from anywhere else. */
    public static String contentSecurityPolicy(boolean live) {
        return "default-src 'none'; script-src '" + hash(SCRIPT) + "'; style-src '" + hash(STYLE) + "'; "
                + "img-src data:; connect-src " + (live ? "'self'" : "'none'") + "; base-uri 'none'; form-action 'none'";
    }

    private static void write(ReportIndex index, Writer out, boolean everything, Long recording) throws IOException {
        String page = SHELL.replace("{{csp}}", contentSecurityPolicy(!everything))
                .replace("{{style}}", STYLE).replace("{{script}}", SCRIPT);
        int at = page.indexOf(DATA);
        int more = page.indexOf(MORE);
        out.write(page, 0, at);
        JsonGenerator g = ReportJson.generator(out);
        data(out, g, "report-data", () -> ReportJson.summary(index, g, everything, recording));
        out.write(page, at + DATA.length(), more - at - DATA.length());
        if (everything) {
            // After the script, apart from the summary: the page draws itself while the browser still reads
            // them, and parses each on first use.
            data(out, g, "report-findings", () -> ReportJson.findings(index, g));
            data(out, g, "report-evidence", () -> ReportJson.evidence(index, g));
        }
        out.write(page, more + MORE.length(), page.length() - more - MORE.length());
        out.flush();
    }

    /** Writes JSON into the generator's writer. */
    @FunctionalInterface
    private interface JsonPart {
        void write() throws IOException;
    }

    /** One data element: JSON the browser never runs, written so no captured text can end the element. */
    private static void data(Writer out, JsonGenerator g, String id, JsonPart part) throws IOException {
        g.flush();
        out.write("<script type=\"application/json\" id=\"" + id + "\">");
        part.write();
        g.flush();
        out.write("</script>\n");
    }

    private static String hash(String inline) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report's " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
