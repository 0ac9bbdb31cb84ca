package org.telltale.report.html;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.telltale.api.Destination;
import org.telltale.api.Finding;
import org.telltale.api.Flow;
import org.telltale.api.OpaqueFlow;
import org.telltale.report.FindingGroups;
import org.telltale.report.FindingGroups.Group;

/**
 * The numbering a report and its live view share: groups in reading order, findings numbered
 * group by group, destinations numbered as first met, flows by index. The page asks for "finding
 * 12" or "the findings of group 3" and both the embedded data and the web view mean the same rows.
 */
public final class ReportIndex {
    private final ReportData data;
    private final List<Group> groups;
    private final List<Finding> findings = new ArrayList<>();
    private final int[] groupStarts;
    private final Map<Destination, Integer> destinations = new LinkedHashMap<>();
    private final Map<Integer, Flow> flows = new HashMap<>();

    public ReportIndex(ReportData data) {
        this.data = data;
        this.groups = FindingGroups.of(data.result().findings()).sorted();
        this.groupStarts = new int[groups.size() + 1];
        for (int g = 0; g < groups.size(); g++) {
            groupStarts[g] = findings.size();
            for (Finding f : groups.get(g).findings()) {
                findings.add(f);
                destinations.putIfAbsent(f.destination(), destinations.size());
            }
        }
        groupStarts[groups.size()] = findings.size();
        for (OpaqueFlow o : data.result().opaque()) {
            destinations.putIfAbsent(o.destination(), destinations.size());
        }
        for (Flow f : data.result().flows()) {
            flows.put(f.index(), f);
        }
    }

    public ReportData data() {
        return data;
    }

    public List<Group> groups() {
        return Collections.unmodifiableList(groups);
    }

    /** Every finding, numbered from 0, group by group. */
    public List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }

    /** The number of the first finding of a group. */
    public int firstFinding(int group) {
        return groupStarts[group];
    }

    /** The number of a destination. */
    public int destination(Destination d) {
        return destinations.getOrDefault(d, -1);
    }

    /** Destinations in their numbering. */
    public List<Destination> destinations() {
        return new ArrayList<>(destinations.keySet());
    }

    /** The flow a finding left in, or null when the analysis did not keep it. */
    public Flow flow(int index) {
        return flows.get(index);
    }
}
