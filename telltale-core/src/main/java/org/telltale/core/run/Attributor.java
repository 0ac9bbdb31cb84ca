package org.telltale.core.run;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import org.telltale.api.Destination;
import org.telltale.api.DestinationResolver;

/**
 * The attribution stage: says who is behind each distinct destination, after detection and apart
 * from it, so attribution can never change what is found. Each distinct destination is resolved once
 * while it is among the most recently used.
 */
public final class Attributor {
    private static final int DISTINCT = 65_536;
    private final DestinationResolver resolver;
    private final Cache<Destination, Destination> cache = CacheBuilder.newBuilder().maximumSize(DISTINCT).build();

    public Attributor(DestinationResolver resolver) {
        this.resolver = resolver;
    }

    /** The destination with its attribution. */
    public Destination attribute(Destination d) {
        Destination bare = new Destination(d.host(), d.ip(), d.port(), null);
        Destination known = cache.getIfPresent(bare);
        if (known == null) {
            known = new Destination(d.host(), d.ip(), d.port(), resolver.resolve(d.host(), d.ip()));
            cache.put(bare, known);
        }
        return known;
    }
}
