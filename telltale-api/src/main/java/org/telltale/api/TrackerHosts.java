package org.telltale.api;

/**
 * Whether a host belongs to a known ad or tracking service: data a judging rule needs, handed to the
 * engine as a table so that judging never asks the attribution resolver and findings do not depend
 * on whether destinations are attributed.
 */
@FunctionalInterface
public interface TrackerHosts {
    /** Whether host is on a tracker list. */
    boolean isTracker(String host);

    /** A table that knows no tracker. */
    TrackerHosts NONE = host -> false;
}
