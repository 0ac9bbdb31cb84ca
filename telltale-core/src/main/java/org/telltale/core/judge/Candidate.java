package org.telltale.core.judge;

import java.util.List;

import org.telltale.api.Detection;
import org.telltale.api.FirstSeen;
import org.telltale.api.Location;
import org.telltale.api.Step;

/**
 * A detection in its node, before judging decides whether it is a finding, expected traffic, or
 * nothing new.
 *
 * @param node      the node's place in the walk (preorder: a node before its descendants), so
 *                  candidates sort into tree order whatever the order of the detectors
 * @param location  the root the node was decoded from
 * @param steps     the node's path from that root
 * @param detection what the detector reported, with offsets in the node's bytes
 * @param firstSeen where the value was first seen, for a value learned in a first pass; else null
 */
public record Candidate(int node, Location location, List<Step> steps, Detection detection, FirstSeen firstSeen) {
    public Candidate {
        steps = List.copyOf(steps);
    }

    /** A detection of a detector that looks at this exchange alone. */
    public Candidate(int node, Location location, List<Step> steps, Detection detection) {
        this(node, location, steps, detection, null);
    }

    /** Whether the detection is of a value a first pass learned (a derived spelling, a shared ID). */
    public boolean learned() {
        return firstSeen != null;
    }

    /** Whether the detection came from a planted value rather than a built-in detector. */
    public boolean planted() {
        return detection.canary() != null;
    }

    /** Whether both were found in the same node. */
    public boolean sameNode(Candidate other) {
        return node == other.node;
    }
}
