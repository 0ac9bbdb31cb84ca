package org.telltale.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.scan.AppScan;
import org.telltale.api.scan.CodeEndpoint;
import org.telltale.api.scan.ScanSummary;
import org.telltale.api.scan.TrackerHit;

/**
 * Apps scanned into the case, and the hosts of the case's captured exchanges they are compared with.
 * Each scan is one transaction: a scan is in the case whole or not at all.
 */
public final class CodeScans {
    private final Connection c;
    private final Path file;

    CodeScans(Connection c, Path file) {
        this.c = c;
        this.file = file;
    }

    /** Stores one app's scan; returns its id. */
    public long add(AppScan scan, Instant at) throws CaseFileException {
        try {
            long id = Sql.insert(c, "INSERT INTO code_scans (scanned_at, file, sha256, package, version_name,"
                            + " signer_sha256, classes) VALUES (?,?,?,?,?,?,?)", Times.text(at), scan.file(), scan.sha256(),
                    scan.app().packageName(), scan.app().versionName(), scan.signing().firstCertificate(),
                    scan.code().classes());
            try (PreparedStatement t = c.prepareStatement(
                    "INSERT INTO code_trackers (scan_id, tracker, name, reach, classes) VALUES (?,?,?,?,?)")) {
                for (TrackerHit hit : scan.trackers()) {
                    Sql.run(t, id, hit.id(), hit.name(), hit.reach().name(), hit.classes());
                }
            }
            try (PreparedStatement e = c.prepareStatement(
                    "INSERT INTO code_endpoints (scan_id, host, url, where_named, tracker) VALUES (?,?,?,?,?)")) {
                for (CodeEndpoint endpoint : scan.endpoints()) {
                    Sql.run(e, id, endpoint.host(), endpoint.url(), endpoint.where(), endpoint.tracker());
                }
            }
            c.commit();
            return id;
        } catch (SQLException e) {
            rollback();
            throw new CaseFileException(file, "cannot store the scan of " + scan.file(), e);
        }
    }

    /** A captured server: its host and how many exchanges of the case's captures went to it. */
    public record CapturedHost(String host, long exchanges) {
    }

    /** The hosts the case's captured exchanges went to, lower-cased (a URL with an IP as its host counts as that IP). */
    public List<CapturedHost> capturedHosts() throws CaseFileException {
        List<CapturedHost> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT lower(server_host), count(*) FROM exchanges"
                + " WHERE server_host IS NOT NULL AND server_host <> '' GROUP BY lower(server_host) ORDER BY 1");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new CapturedHost(r.getString(1), r.getLong(2)));
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            rollback();
            throw new CaseFileException(file, "cannot read the captured hosts", e);
        }
    }

    /** A scan stored in the case, as a report lists it. */
    public record StoredScan(long id, String scannedAt, String file, String sha256, String packageName,
                             String versionName, String signer, int classes) {
    }

    public List<StoredScan> list() throws CaseFileException {
        List<StoredScan> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, scanned_at, file, sha256, package, version_name,"
                + " signer_sha256, classes FROM code_scans ORDER BY id");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new StoredScan(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7), r.getInt(8)));
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            rollback();
            throw new CaseFileException(file, "cannot read the scans", e);
        }
    }

    /**
     * Every app scanned into the case, with its trackers and the hosts its code names that captured
     * exchanges went to (the same host name, in any case), for the case's report.
     */
    public List<ScanSummary> summaries() throws CaseFileException {
        List<ScanSummary> out = new ArrayList<>();
        try (PreparedStatement scans = c.prepareStatement(
                "SELECT id, file, package, version_name, classes FROM code_scans ORDER BY id");
             PreparedStatement trackers = c.prepareStatement(
                     "SELECT name, reach FROM code_trackers WHERE scan_id = ? ORDER BY rowid");
             PreparedStatement hosts = c.prepareStatement("SELECT e.host, count(*) FROM (SELECT DISTINCT host FROM"
                     + " code_endpoints WHERE scan_id = ?) e JOIN exchanges x ON lower(x.server_host) = e.host"
                     + " GROUP BY e.host ORDER BY e.host");
             ResultSet r = scans.executeQuery()) {
            while (r.next()) {
                long id = r.getLong(1);
                List<ScanSummary.Tracker> found = new ArrayList<>();
                trackers.setLong(1, id);
                try (ResultSet t = trackers.executeQuery()) {
                    while (t.next()) {
                        found.add(new ScanSummary.Tracker(t.getString(1), TrackerHit.Reach.valueOf(t.getString(2))));
                    }
                }
                List<ScanSummary.Host> captured = new ArrayList<>();
                hosts.setLong(1, id);
                try (ResultSet h = hosts.executeQuery()) {
                    while (h.next()) {
                        captured.add(new ScanSummary.Host(h.getString(1), h.getLong(2)));
                    }
                }
                out.add(new ScanSummary(r.getString(2), r.getString(3), r.getString(4), r.getInt(5), found, captured));
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            rollback();
            throw new CaseFileException(file, "cannot read the scans", e);
        }
    }

    private void rollback() {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the first failure is the one reported
        }
    }
}
