package org.telltale.attribute.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the upstream domain lists into the tab-separated files the resolver reads, keyed by
 * lower-case domain; the first record for a domain wins.
 */
final class DomainLists {
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)+");
    private static final Pattern EASYPRIVACY_RULE = Pattern.compile("\\|\\|([a-z0-9.-]+)\\^");
    /** Disconnect lists a domain under several categories; the first in this order is kept. */
    private static final List<String> DISCONNECT_ORDER =
            List.of("Fingerprinting", "Cryptomining", "Advertising", "Analytics", "Social", "Content");
    /** Jackson's default read constraints bound nesting depth, number and string lengths. */
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private DomainLists() {
    }

    /** X-Ray 2020 companies: domain, organisation, parent, head-office country (ISO, upper case). */
    static Map<String, String[]> xray(byte[] json) throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (JsonNode company : JSON.readTree(json)) {
            String owner = clean(company.path("owner_name").asText(""));
            if (owner.isEmpty()) {
                continue;
            }
            String parent = clean(company.path("parent").asText(""));
            String country = isoCountry(company.path("country").asText(""));
            for (JsonNode domain : company.path("doms")) {
                addDomain(rows, domain.asText(""), owner, parent, country);
            }
        }
        return rows;
    }

    /** Disconnect: domain, category, company. */
    static Map<String, String[]> disconnect(byte[] json) throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        JsonNode categories = JSON.readTree(json).path("categories");
        List<String> order = new ArrayList<>(DISCONNECT_ORDER);
        categories.fieldNames().forEachRemaining(name -> {
            if (!order.contains(name)) {
                order.add(name);
            }
        });
        for (String category : order) {
            for (JsonNode entry : categories.path(category)) {
                for (Map.Entry<String, JsonNode> company : entry.properties()) {
                    for (JsonNode urls : company.getValue()) {
                        for (JsonNode domain : urls) {
                            if (domain.isTextual()) {
                                addDomain(rows, domain.asText(), clean(category), clean(company.getKey()));
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Exodus trackers: domain, tracker name, first category. Only alternatives of a network signature
     * that name a whole domain ("crashlytics\\.com") are kept; fragments ("fidzup", "\\.exacttarget\\.")
     * match parts of names and cannot be turned into a domain without guessing.
     */
    static Map<String, String[]> exodus(byte[] json) throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (JsonNode tracker : JSON.readTree(json).path("trackers")) {
            String name = clean(tracker.path("name").asText(""));
            String category = clean(tracker.path("categories").path(0).asText(""));
            for (String alternative : tracker.path("network_signature").asText("").split("\\|")) {
                String domain = alternative.replace("\\.", ".").replace("\\-", "-");
                if (domain.startsWith("^")) {
                    domain = domain.substring(1);
                }
                if (domain.endsWith("$")) {
                    domain = domain.substring(0, domain.length() - 1);
                }
                if (domain.startsWith(".")) {
                    domain = domain.substring(1);
                }
                addDomain(rows, domain, name, category);
            }
        }
        return rows;
    }

    /** EasyPrivacy: every domain of a rule that is exactly {@code ||domain^}. */
    static Map<String, String[]> easyPrivacy(byte[] text) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
            Matcher rule = EASYPRIVACY_RULE.matcher(line.strip());
            if (rule.matches()) {
                addDomain(rows, rule.group(1));
            }
        }
        return rows;
    }

    private static void addDomain(Map<String, String[]> rows, String domain, String... fields) {
        String key = domain.strip().toLowerCase(Locale.ROOT);
        if (key.endsWith(".")) {
            key = key.substring(0, key.length() - 1);
        }
        if (key.length() <= 253 && DOMAIN.matcher(key).matches()) {
            String[] row = new String[fields.length + 1];
            row[0] = key;
            System.arraycopy(fields, 0, row, 1, fields.length);
            rows.putIfAbsent(key, row);
        }
    }

    /** ISO 3166 alpha-2 in upper case; X-Ray writes the United Kingdom as "uk", ISO as "GB". */
    private static String isoCountry(String code) {
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (upper.equals("UK")) {
            return "GB";
        }
        return upper.matches("[A-Z]{2}") ? upper : "";
    }

    private static String clean(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ").strip();
    }
}
