package org.telltale.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.telltale.api.Canary;
import org.telltale.api.Session;
import org.telltale.core.EngineSpec;

/**
 * The SHA-256 of everything that decides what the engine finds (canaries, sessions, limits, decoders,
 * detectors, dataset versions), written out field by field in a fixed order. Java serialisation is not
 * used for it: an immutable map's order differs from one JVM to the next, and the digest must be the
 * same on a laptop and on every executor. A capture analysed before with the same digest is skipped.
 */
public final class SpecDigest {
    private SpecDigest() {
    }

    /** The digest in lower-case hex. */
    public static String of(EngineSpec spec) {
        StringBuilder b = new StringBuilder("telltale-spec 1\n");
        for (Canary c : spec.canaries().canaries()) {
            line(b, "canary", c.id(), c.type().name(), c.value(), String.join(",", c.expected()));
        }
        for (Session s : spec.canaries().sessions()) {
            line(b, "session", s.label(), String.valueOf(s.start()), String.valueOf(s.end()));
        }
        line(b, "limits", spec.limits().toString());
        line(b, "decoders", String.join(",", spec.decoders()));
        line(b, "detectors", String.join(",", spec.detectors()));
        for (Map.Entry<String, String> d : new TreeMap<>(spec.datasets()).entrySet()) {
            line(b, "dataset", d.getKey(), d.getValue());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** One record: fields separated by a tab, each escaped so no value can forge another field or line. */
    private static void line(StringBuilder b, String kind, String... fields) {
        b.append(kind);
        for (String f : fields) {
            b.append('\t').append(f == null ? "\\0" : f.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
        }
        b.append('\n');
    }
}
