package org.telltale.batch;

import java.util.concurrent.ExecutionException;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import org.telltale.api.Organisations;
import org.telltale.api.TrackerHosts;
import org.telltale.core.Engine;
import org.telltale.core.EngineSpec;

/**
 * The engines of one JVM, one per specification in use, each built once: building one compiles the
 * canary automaton, which costs far more than analysing a small capture. On a cluster each executor
 * holds one of these; a batch with a canary file per capture keeps the most recently used ones.
 */
public final class Engines {
    private static final int KEPT = 64;
    private final TrackerHosts trackers;
    private final Organisations organisations;
    private final Cache<String, Engine> built = CacheBuilder.newBuilder().maximumSize(KEPT).build();

    /** @param trackers the tracker lists @param organisations which organisation runs a host (first parties) */
    public Engines(TrackerHosts trackers, Organisations organisations) {
        this.trackers = trackers;
        this.organisations = organisations;
    }

    /** The engine for a specification, named by its digest. */
    public Engine of(String digest, EngineSpec spec) {
        try {
            return built.get(digest, () -> Engine.build(spec, trackers, organisations));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot build the engine", e.getCause());
        }
    }
}
