package org.telltale.apk.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.telltale.api.DestinationResolver;
import org.telltale.api.scan.AppIdentity;
import org.telltale.api.scan.AppScan;
import org.telltale.api.scan.CodeSummary;
import org.telltale.api.scan.Signing;
import org.telltale.apk.code.ClassPrints;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeLimits;
import org.telltale.apk.endpoints.EndpointExtractor;
import org.telltale.apk.manifest.AppManifest;
import org.telltale.apk.manifest.SigningInfo;
import org.telltale.apk.manifest.SigningReader;
import org.telltale.apk.trackers.ClassSignatureMatcher;
import org.telltale.apk.trackers.NetworkSignatures;
import org.telltale.apk.trackers.TrackerCatalogue;

/**
 * Scans one app file: reads it ({@link AppReader}), finds its trackers ({@link TrackerFinder}) and the
 * servers its code names ({@link EndpointFinder}), and fingerprints its classes for {@code compare}.
 * Built once per run; safe to use from one thread at a time per call.
 */
public final class AppScanner {
    /** Two threads at most, daemons, so a scan that fails or ends never keeps the JVM alive. */
    private static final ExecutorService BACKGROUND = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "telltale-scan-hash");
        t.setDaemon(true);
        return t;
    });

    private final CodeLimits limits;
    private final AppReader reader;
    private final TrackerFinder trackers;
    private final EndpointFinder endpoints;
    private final ClassSignatureMatcher matcher;

    public AppScanner(CodeLimits limits, TrackerCatalogue catalogue, DestinationResolver resolver) {
        this.limits = limits;
        this.reader = new AppReader(limits);
        this.matcher = ClassSignatureMatcher.of(catalogue);
        this.trackers = new TrackerFinder(matcher);
        this.endpoints = new EndpointFinder(new EndpointExtractor(), NetworkSignatures.of(catalogue), matcher, resolver);
    }

    public CodeLimits limits() {
        return limits;
    }

    /**
     * Scans an APK or an app bundle (.aab). The file's hash and its signatures (apksig hashes the whole
     * file again for each scheme) are computed on another thread while the code is read, since on a
     * phone's app they take as long as reading every DEX file.
     */
    public ScannedApp scanApk(Path file, String name) throws IOException {
        CompletableFuture<String> hash = CompletableFuture.supplyAsync(() -> sha256Unchecked(file), BACKGROUND);
        CompletableFuture<Signing> signing = CompletableFuture.supplyAsync(() -> signing(SigningReader.read(file)), BACKGROUND);
        AppContents app = new AppContents();
        reader.readApk(file, "", app);
        String sha256;
        try {
            sha256 = hash.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        }
        return judge(file, name, app, signing.join(), true, sha256);
    }

    /** Scans the APKs of one app together (a base APK and its splits), named by the first. */
    public ScannedApp scanSplits(List<Path> apks, Path named, String name) throws IOException {
        AppContents app = new AppContents();
        for (Path apk : apks) {
            reader.readApk(apk, apks.size() > 1 ? apk.getFileName() + "!" : "", app);
        }
        return judge(named, name, app, signing(SigningReader.read(apks.get(0))), true, sha256(named));
    }

    /** Scans a JAR or an AAR. */
    public ScannedApp scanJar(Path file, String name) throws IOException {
        AppContents app = new AppContents();
        reader.readJar(file, file.getFileName().toString(), app);
        return judge(file, name, app, Signing.NONE, false, sha256(file));
    }

    private ScannedApp judge(Path file, String name, AppContents app, Signing signing, boolean apk, String sha256)
            throws IOException {
        Map<String, Integer> trackerOf = trackers.trackerClasses(app.index);
        EndpointFinder.Found found = endpoints.find(app, trackerOf);
        if (apk && app.index.size() == 0) {
            app.notes.add("no code in the app: its classes were moved out at build time (to an .odex/.vdex file"
                    + " beside it) or it has none; its trackers are unknown, not none");
        } else if (app.index.size() == 0) {
            app.notes.add("no code in the jar: neither class files nor DEX (a framework jar's may have been compiled"
                    + " into a .vdex/.odex); its trackers are unknown, not none");
        }
        if (app.manifest == null && !trackerOf.isEmpty()) {
            app.notes.add("no manifest was read, so the app's own code and what the system starts are unknown: its"
                    + " trackers are listed as present, and whether its code uses them is not known");
        }
        AppScan scan = new AppScan(name, sha256, Files.size(file), identity(app.manifest), signing,
                new CodeSummary(app.dexFiles, app.jarClasses, app.index.size(), app.methods, app.nativeLibs),
                trackers.find(app, trackerOf, found.hostsOf()), found.endpoints(), app.notes);
        Map<String, long[]> prints = new HashMap<>();
        for (CodeClass c : app.index.all()) {
            long[] p = ClassPrints.of(c);
            if (p.length > 0) {
                prints.put(c.name(), p);
            }
        }
        Map<String, String> trackerIds = new HashMap<>();
        trackerOf.forEach((c, t) -> trackerIds.put(c, matcher.tracker(t).key()));
        return new ScannedApp(scan, prints, trackerIds);
    }

    private static AppIdentity identity(AppManifest m) {
        if (m == null) {
            return AppIdentity.NONE;
        }
        List<AppIdentity.Component> components = new ArrayList<>();
        if (m.applicationClass() != null) {
            components.add(new AppIdentity.Component("application", m.applicationClass(), null));
        }
        for (AppManifest.Component c : m.components()) {
            components.add(new AppIdentity.Component(c.kind().element(), c.name(), c.exported()));
        }
        return new AppIdentity(m.packageName(), m.versionName(), m.versionCode(), m.minSdk() == null ? 0 : m.minSdk(),
                m.targetSdk() == null ? 0 : m.targetSdk(), m.permissions(), components);
    }

    private static Signing signing(SigningInfo info) {
        List<Signing.Certificate> certificates = new ArrayList<>();
        for (SigningInfo.SignerCertificate c : info.certificates()) {
            certificates.add(new Signing.Certificate(c.sha256(), c.subject(), String.valueOf(c.notBefore()),
                    String.valueOf(c.notAfter())));
        }
        return new Signing(info.verified(), info.schemes(), certificates, info.errors());
    }

    private static String sha256Unchecked(Path file) {
        try {
            return sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
