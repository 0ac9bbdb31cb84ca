package org.telltale.attribute;

import org.telltale.api.Attribution;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The domain datasets, read together on the first host lookup and merged into one table: at each domain
 * the owner comes from the first of telltale-vendors, telltale-entities, X-Ray 2020, Disconnect that lists
 * it, and the tracker from the first of Disconnect, Exodus, telltale-vendors, telltale-entities, EasyPrivacy.
 * The project's two tables share one layout (domain, organisation, parent, country, tracker category,
 * source) and are read alike.
 *
 * @param table   the merged facts
 * @param entries records read per dataset id, in the order of {@link #FILES}
 */
record DomainDatasets(DomainTable table, Map<String, Integer> entries) {
    /** The domain datasets' ids and files, in the order {@link #entries} lists them. */
    static final List<String[]> FILES = List.of(new String[] {Datasets.VENDORS, Datasets.VENDORS_FILE},
            new String[] {Datasets.ENTITIES, Datasets.ENTITIES_FILE}, new String[] {Datasets.XRAY, Datasets.XRAY_FILE}, new String[] {Datasets.DISCONNECT, Datasets.DISCONNECT_FILE},
            new String[] {Datasets.EXODUS, Datasets.EXODUS_FILE}, new String[] {Datasets.EASYPRIVACY, Datasets.EASYPRIVACY_FILE});

    private static final String EASYPRIVACY_CATEGORY = "Tracking";

    /** @throws IOException when a file is missing, unreadable or over the limits */
    static DomainDatasets load(DataFiles files, DatasetManifest manifest) throws IOException {
        List<String[]> vendors = records(files, Datasets.VENDORS_FILE);
        List<String[]> entities = records(files, Datasets.ENTITIES_FILE);
        List<String[]> xray = records(files, Datasets.XRAY_FILE);
        List<String[]> disconnect = records(files, Datasets.DISCONNECT_FILE);
        List<String[]> exodus = records(files, Datasets.EXODUS_FILE);
        List<String[]> easyPrivacy = records(files, Datasets.EASYPRIVACY_FILE);
        String vendorsLabel = Datasets.label(manifest, Datasets.VENDORS);
        String entitiesLabel = Datasets.label(manifest, Datasets.ENTITIES);
        String xrayLabel = Datasets.label(manifest, Datasets.XRAY);
        String disconnectLabel = Datasets.label(manifest, Datasets.DISCONNECT);

        Merger merger = new Merger(vendors.size() + entities.size() + xray.size() + disconnect.size() + exodus.size() + easyPrivacy.size());
        // owners, first wins: vendors and entities (domain, organization, parent, country, tracker category, source URL),
        // X-Ray (domain, organization, parent, country), Disconnect (domain, category, company)
        ownTable(merger, vendors, vendorsLabel, true);
        ownTable(merger, entities, entitiesLabel, true);
        for (String[] record : xray) {
            merger.owner(record[0], new Owner(TsvFile.field(record, 1), TsvFile.field(record, 2), TsvFile.field(record, 3)), xrayLabel);
        }
        for (String[] record : disconnect) {
            String company = TsvFile.field(record, 2);
            if (company != null) {
                merger.owner(record[0], new Owner(company, null, null), disconnectLabel);
            }
        }
        // trackers, first wins: Disconnect, Exodus (domain, tracker name, category), vendors, EasyPrivacy (domain)
        for (String[] record : disconnect) {
            merger.tracker(record[0], new Attribution.Tracker(TsvFile.field(record, 1), TsvFile.field(record, 2)), disconnectLabel);
        }
        String exodusLabel = Datasets.label(manifest, Datasets.EXODUS);
        for (String[] record : exodus) {
            merger.tracker(record[0], new Attribution.Tracker(TsvFile.field(record, 2), TsvFile.field(record, 1)), exodusLabel);
        }
        ownTable(merger, vendors, vendorsLabel, false);
        ownTable(merger, entities, entitiesLabel, false);
        String easyPrivacyLabel = Datasets.label(manifest, Datasets.EASYPRIVACY);
        Attribution.Tracker tracking = new Attribution.Tracker(EASYPRIVACY_CATEGORY, null);
        for (String[] record : easyPrivacy) {
            merger.tracker(record[0], tracking, easyPrivacyLabel);
        }

        Map<String, Integer> entries = new LinkedHashMap<>();
        entries.put(Datasets.VENDORS, vendors.size());
        entries.put(Datasets.ENTITIES, entities.size());
        entries.put(Datasets.XRAY, xray.size());
        entries.put(Datasets.DISCONNECT, disconnect.size());
        entries.put(Datasets.EXODUS, exodus.size());
        entries.put(Datasets.EASYPRIVACY, easyPrivacy.size());
        return new DomainDatasets(new DomainTable(merger.merged), Collections.unmodifiableMap(entries));
    }

    /** Offers the owners (or the trackers) of one of the project's own tables, which share one layout. */
    private static void ownTable(Merger merger, List<String[]> records, String label, boolean owners) {
        for (String[] record : records) {
            String organization = TsvFile.field(record, 1);
            if (owners) {
                merger.owner(record[0], new Owner(organization, TsvFile.field(record, 2), TsvFile.field(record, 3)), label);
            } else if (TsvFile.field(record, 4) != null) {
                merger.tracker(record[0], new Attribution.Tracker(TsvFile.field(record, 4), organization), label);
            }
        }
    }

    private static List<String[]> records(DataFiles files, String file) throws IOException {
        List<String[]> records;
        try (InputStream in = files.open(file)) {
            records = TsvFile.read(in);
        }
        for (String[] record : records) {
            record[0] = record[0].toLowerCase(Locale.ROOT);
        }
        return records;
    }

    /** Builds the merged map, keeping the first owner and the first tracker offered for each domain. */
    private static final class Merger {
        final Map<String, DomainTable.Match> merged;

        Merger(int expected) {
            merged = new HashMap<>(expected * 4 / 3 + 1);
        }

        void owner(String domain, Owner owner, String label) {
            DomainTable.Match known = merged.get(domain);
            if (known == null) {
                merged.put(domain, new DomainTable.Match(owner, label, null, null));
            } else if (known.owner() == null) {
                merged.put(domain, new DomainTable.Match(owner, label, known.tracker(), known.trackerSource()));
            }
        }

        void tracker(String domain, Attribution.Tracker tracker, String label) {
            DomainTable.Match known = merged.get(domain);
            if (known == null) {
                merged.put(domain, new DomainTable.Match(null, null, tracker, label));
            } else if (known.tracker() == null) {
                merged.put(domain, new DomainTable.Match(known.owner(), known.ownerSource(), tracker, label));
            }
        }
    }
}
