package org.telltale.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.telltale.api.Attribution;
import org.telltale.api.Destination;

/**
 * The destinations table: each distinct destination, with every fact, stored once and shared by
 * runs. A run meets few distinct destinations, so their ids are remembered here.
 */
final class Destinations {
    private static final String COLUMNS = "host, ip, port, registrable_domain, organization, parent, "
            + "organization_country, country, asn, as_org, tracker_category, tracker_name";

    private final Connection c;
    private final Map<Destination, Long> ids = new HashMap<>();

    Destinations(Connection c) {
        this.c = c;
    }

    /** The row id of a destination, storing it when new; null for none. */
    Long id(Destination d) throws SQLException {
        if (d == null) {
            return null;
        }
        Long known = ids.get(d);
        if (known != null) {
            return known;
        }
        String key = key(d);
        Attribution a = d.attribution();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO destinations (key, " + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (key) DO NOTHING")) {
            Sql.run(s, key, d.host(), d.ip(), d.port(), a.registrableDomain(), a.organization(), a.parent(),
                a.organizationCountry(), a.country(), a.asn(), a.asOrg(),
                a.tracker() == null ? null : a.tracker().category(), a.tracker() == null ? null : a.tracker().name());
        }
        long id;
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM destinations WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT OR IGNORE INTO destination_sources (destination_id, fact, dataset) VALUES (?,?,?)")) {
            for (Map.Entry<String, String> e : a.sources().entrySet()) {
                Sql.run(s, id, e.getKey(), e.getValue());
            }
        }
        ids.put(d, id);
        return id;
    }

    /** Every fact at once, so that the same host attributed differently (newer data) is another row. */
    private static String key(Destination d) {
        Attribution a = d.attribution();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("host", d.host());
        all.put("ip", d.ip());
        all.put("port", d.port());
        all.put("attribution", a);
        all.put("sources", new TreeMap<>(a.sources()));
        return Json.write(all);
    }

    /** Every destination a run refers to, by id, as the model has them. */
    static Map<Long, Destination> ofRun(Connection c, long runId) throws SQLException {
        Map<Long, Destination> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, " + COLUMNS + " FROM destinations WHERE id IN "
                + "(SELECT destination_id FROM findings WHERE run_id = ?1 UNION SELECT destination_id FROM run_opaque "
                + "WHERE run_id = ?1)")) {
            s.setLong(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getLong(1), read(c, r));
                }
            }
        }
        return out;
    }

    private static Destination read(Connection c, ResultSet r) throws SQLException {
        Map<String, String> sources = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT fact, dataset FROM destination_sources WHERE destination_id = ?")) {
            s.setLong(1, r.getLong(1));
            try (ResultSet f = s.executeQuery()) {
                while (f.next()) {
                    sources.put(f.getString(1), f.getString(2));
                }
            }
        }
        String trackerCategory = r.getString(12);
        Attribution a = new Attribution(r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                r.getString(9), r.getLong(10), r.getString(11),
                trackerCategory == null && r.getString(13) == null ? null
                        : new Attribution.Tracker(trackerCategory, r.getString(13)), sources);
        return new Destination(r.getString(2), r.getString(3), r.getInt(4), a);
    }
}
