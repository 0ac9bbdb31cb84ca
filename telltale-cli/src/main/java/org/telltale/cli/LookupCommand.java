package org.telltale.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.telltale.api.Attribution;
import org.telltale.attribute.BundledResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code telltale lookup}: who is behind a host or IP, from bundled data only. A name is never resolved
 * through DNS, so it yields domain facts; an IP yields network facts; {@code host@ip} yields both.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = {"Tell who is behind hosts and IPs, from bundled datasets, without any network access.",
                "A host name gives domain facts only (it is not resolved); an IP gives network facts;",
                "HOST@IP gives both."})
public final class LookupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "HOST_OR_IP", description = "a host name, an IP address, or HOST@IP")
    List<String> targets;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Mixin
    DataDirectoryOption data = new DataDirectoryOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("unknown format '" + format + "': use text or json");
            return 2;
        }
        BundledResolver resolver;
        try {
            resolver = data.open();
        } catch (IOException e) {
            err.println("cannot open the attribution datasets: " + e.getMessage());
            return 2;
        }
        List<Map<String, Object>> results = new ArrayList<>();
        boolean bad = false;
        for (String target : targets) {
            Target parsed = Target.parse(target);
            if (parsed == null) {
                err.println("not a host, IP or HOST@IP: " + target);
                bad = true;
                continue;
            }
            Attribution attribution = resolver.resolve(parsed.host(), parsed.ip());
            if (format.equals("json")) {
                results.add(json(target, parsed, attribution));
            } else {
                printText(out, target, parsed, attribution);
            }
        }
        if (format.equals("json")) {
            try {
                ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
                out.println(mapper.writeValueAsString(results));
            } catch (IOException e) {
                err.println("cannot write JSON: " + e.getMessage());
                return 2;
            }
        }
        out.flush();
        return bad ? 2 : 0;
    }

    private static void printText(PrintWriter out, String target, Target parsed, Attribution attribution) {
        out.println(target);
        Map<String, String> sources = attribution.sources();
        line(out, "registrable domain", attribution.registrableDomain(), sources.get("registrableDomain"));
        line(out, "organisation", attribution.organization(), sources.get("organization"));
        line(out, "parent", attribution.parent(), sources.get("parent"));
        line(out, "head office", attribution.organizationCountry(), sources.get("organizationCountry"));
        if (attribution.tracker() != null) {
            Attribution.Tracker tracker = attribution.tracker();
            line(out, "tracker", tracker.category() + (tracker.name() == null ? "" : " (" + tracker.name() + ")"),
                    sources.get("tracker"));
        }
        line(out, "IP country", attribution.country(), sources.get("country"));
        if (attribution.asn() != 0) {
            line(out, "network", "AS" + attribution.asn() + " " + attribution.asOrg(), sources.get("asn"));
        }
        if (sources.isEmpty()) {
            out.println("  no dataset knows it");
        }
        if (parsed.ip() == null) {
            out.println("  (a name is not resolved: no IP facts; give HOST@IP for them)");
        }
    }

    private static void line(PrintWriter out, String fact, String value, String source) {
        if (value != null) {
            out.printf("  %-19s %s  [%s]%n", fact + ":", value, source);
        }
    }

    private static Map<String, Object> json(String target, Target parsed, Attribution attribution) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("query", target);
        result.put("host", parsed.host());
        result.put("ip", parsed.ip());
        result.put("registrableDomain", attribution.registrableDomain());
        result.put("organization", attribution.organization());
        result.put("parent", attribution.parent());
        result.put("organizationCountry", attribution.organizationCountry());
        result.put("country", attribution.country());
        result.put("asn", attribution.asn() == 0 ? null : attribution.asn());
        result.put("asOrg", attribution.asOrg());
        if (attribution.tracker() != null) {
            Map<String, Object> tracker = new LinkedHashMap<>();
            tracker.put("category", attribution.tracker().category());
            tracker.put("name", attribution.tracker().name());
            result.put("tracker", tracker);
        } else {
            result.put("tracker", null);
        }
        result.put("sources", new TreeMap<>(attribution.sources()));
        return result;
    }

    /** One argument split into its parts. @param host the name, or null @param ip the address, or null */
    record Target(String host, String ip) {
        private static final int MAX_LENGTH = 300;

        static Target parse(String argument) {
            String text = argument.strip();
            if (text.isEmpty() || text.length() > MAX_LENGTH) {
                return null;
            }
            int at = text.lastIndexOf('@');
            if (at >= 0) {
                String host = text.substring(0, at);
                String ip = text.substring(at + 1);
                return host.isEmpty() || ip.isEmpty() || !looksLikeIp(ip) ? null : new Target(host, ip);
            }
            return looksLikeIp(text) ? new Target(null, text) : new Target(text, null);
        }

        private static boolean looksLikeIp(String text) {
            return text.indexOf(':') >= 0 || text.matches("[0-9.]+");
        }
    }
}
