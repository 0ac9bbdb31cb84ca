package org.telltale.report.scan;

import java.io.PrintWriter;
import java.util.List;

import org.telltale.api.Attribution;
import org.telltale.api.scan.AppScan;
import org.telltale.api.scan.CaseLinks;
import org.telltale.api.scan.CodeEndpoint;
import org.telltale.api.scan.Comparison;
import org.telltale.api.scan.TrackerHit;
import org.telltale.report.Terminal;

/**
 * {@code telltale scan} and {@code compare} as plain text: per app, who it is and who signed it, the
 * trackers in its code with how far its own code goes to each and the evidence, then the servers its
 * code names. Every string read from an app passes through {@link Terminal#safe}: app content is as
 * hostile as captured traffic.
 */
public final class ScanText {
    /** How many endpoints an app lists before saying how many more there are. */
    static final int ENDPOINTS_SHOWN = 40;

    private ScanText() {
    }

    public static void app(PrintWriter out, AppScan scan) {
        out.println("== " + s(scan.file()));
        out.println("   sha256 " + scan.sha256() + ", " + scan.size() + " bytes");
        if (scan.app().packageName() != null) {
            out.println("   package " + s(scan.app().packageName()) + " version " + s(scan.app().versionName())
                    + " (" + scan.app().versionCode() + "), min SDK " + scan.app().minSdk() + ", target SDK "
                    + scan.app().targetSdk() + "; " + scan.app().permissions().size() + " permissions, "
                    + scan.app().components().size() + " components");
        }
        if (!scan.signing().certificates().isEmpty()) {
            out.println("   signed by " + s(scan.signing().certificates().get(0).subject()) + " (certificate sha256 "
                    + scan.signing().firstCertificate() + "), schemes " + String.join(", ", scan.signing().schemes())
                    + (scan.signing().verified() ? ", verified" : ", NOT verified"));
        }
        for (String p : scan.signing().problems()) {
            out.println("   signature problem: " + s(p));
        }
        out.println("   code: " + scan.code().classes() + " classes, " + scan.code().methods() + " methods from "
                + scan.code().dexFiles() + " DEX files" + (scan.code().jarClasses() > 0
                ? " and " + scan.code().jarClasses() + " class files" : "") + "; " + scan.code().nativeLibs()
                + " native libraries");
        boolean codeUnknown = scan.code().classes() == 0;
        if (scan.trackers().isEmpty()) {
            out.println(codeUnknown ? "   trackers: unknown (no code was read)"
                    : "   trackers: none of the " + "known tracker SDKs' classes are in its code");
        } else {
            out.println("   trackers: " + scan.trackers().size());
        }
        for (TrackerHit t : scan.trackers()) {
            out.println("   - " + s(t.name()) + " [" + s(t.id()) + "; " + String.join(", ", t.categories()) + "]: "
                    + words(t.reach()) + "; " + t.classes() + " classes, e.g. " + s(String.join(", ", t.sampleClasses())));
            for (String caller : t.callers()) {
                out.println("       " + s(caller));
            }
            if (!t.path().isEmpty()) {
                out.println("       reached: " + s(String.join(" -> ", t.path())));
            }
            if (!t.endpoints().isEmpty()) {
                out.println("       servers: " + s(String.join(", ", t.endpoints())));
            }
        }
        List<CodeEndpoint> endpoints = scan.endpoints();
        out.println("   servers named: " + endpoints.size());
        for (CodeEndpoint e : endpoints.subList(0, Math.min(ENDPOINTS_SHOWN, endpoints.size()))) {
            out.println("   - " + s(e.url() != null ? e.url() : e.host()) + "  in " + s(e.where())
                    + (e.tracker() == null ? "" : "  tracker " + s(e.tracker())) + who(e.attribution()));
        }
        if (endpoints.size() > ENDPOINTS_SHOWN) {
            out.println("   ... and " + (endpoints.size() - ENDPOINTS_SHOWN) + " more (--format json lists all)");
        }
        for (String note : scan.notes()) {
            out.println("   note: " + s(note));
        }
        out.println();
    }

    public static void comparison(PrintWriter out, Comparison c) {
        for (Comparison.ImageSummary image : c.images()) {
            out.println("== " + s(image.image()) + ": " + image.apps() + " apps, " + image.classes() + " classes, "
                    + image.endpoints() + " hosts named; trackers: "
                    + (image.trackers().isEmpty() ? "none" : s(String.join(", ", image.trackers()))));
            for (String note : image.notes()) {
                out.println("   note: " + s(note));
            }
        }
        for (Comparison.ImagePair p : c.pairs()) {
            out.println();
            out.println("== " + s(p.a()) + "  vs  " + s(p.b()));
            out.println("   same apps: " + p.sameApps().size());
            for (Comparison.SameApp app : p.sameApps()) {
                out.println("   - " + s(app.packageName()) + ": " + app.sharedClasses() + " of " + app.classesA()
                        + " / " + app.classesB() + " classes the same" + (app.sameSigner() ? ", same signer" : ", other signer"));
            }
            out.println("   tracking code in both: " + p.sharedCode().size() + " trackers");
            for (Comparison.SharedCode code : p.sharedCode()) {
                out.println("   - " + s(code.trackerName()) + " [" + s(code.tracker()) + "]: " + code.classes()
                        + " classes the same, " + code.renamed() + " renamed, " + code.otherApps()
                        + " in apps of another name");
                for (Comparison.ClassMatch m : code.samples()) {
                    out.println("       " + s(m.classA()) + " (" + s(m.appA()) + ")  =  " + s(m.classB()) + " ("
                            + s(m.appB()) + ")");
                }
            }
            out.println("   hosts named in both: " + p.sharedEndpoints().size()
                    + (p.sharedEndpoints().isEmpty() ? "" : ": " + s(String.join(", ", p.sharedEndpoints()))));
        }
    }

    public static void caseLinks(PrintWriter out, String caseFile, CaseLinks links) {
        out.println("== next to the traffic of " + s(caseFile));
        out.println("   captured hosts that scanned code names: " + links.hosts().size());
        for (CaseLinks.HostLink h : links.hosts()) {
            out.println("   - " + s(h.host()) + " (" + h.exchanges() + " exchanges), named "
                    + (h.sameHost() ? "as this host" : "by its registrable domain only") + " by:");
            for (String place : h.namedBy()) {
                out.println("       " + s(place));
            }
        }
        for (CaseLinks.TrackerTraffic t : links.trackers()) {
            out.println("   tracker " + s(t.name()) + " in " + s(t.app()) + ": "
                    + (t.seen().isEmpty() ? "none of its servers in the traffic" : "seen in the traffic: "
                    + s(String.join(", ", t.seen())))
                    + (t.notSeen().isEmpty() ? "" : "; not seen: " + s(String.join(", ", t.notSeen()))));
        }
        out.println();
    }

    /** How far an app's code goes to a tracker, in words. */
    public static String words(TrackerHit.Reach reach) {
        return switch (reach) {
            case PRESENT -> "present (no code of the app's own names it)";
            case REFERENCED -> "referenced by the app's own code";
            case REACHABLE -> "reachable from a component the system starts";
        };
    }

    private static String who(Attribution a) {
        StringBuilder b = new StringBuilder();
        if (a.organization() != null) {
            b.append("  (").append(s(a.organization()));
            if (a.organizationCountry() != null) {
                b.append(", ").append(a.organizationCountry());
            }
            b.append(')');
        }
        if (a.tracker() != null) {
            b.append("  known tracker: ").append(s(a.tracker().category()));
        }
        return b.toString();
    }

    private static String s(String value) {
        return Terminal.safe(value);
    }
}
