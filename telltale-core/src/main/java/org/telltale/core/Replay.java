package org.telltale.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Exchange;
import org.telltale.api.Location;
import org.telltale.api.OpaqueConnection;
import org.telltale.api.Payload;
import org.telltale.api.Step;
import org.telltale.core.decode.PartialDecodeException;

/**
 * Rebuilds every layer of a finding from the stored exchange: decoders are deterministic, so layers
 * need not be stored. Takes the root at the finding's location, then for each step runs the named
 * decoder and takes the child at the step's index, checking its label on the way; the HTML report and
 * the web view show evidence this way, and a test replays every finding of real captures.
 */
public final class Replay {
    private final Map<String, Decoder> decoders = new HashMap<>();
    private final DecodeLimits limits;

    /** Replays with the decoders the spec names, plug-ins found through the context class loader. */
    public Replay(EngineSpec spec) {
        this(spec, Components.contextLoader());
    }

    /** Replays with the decoders the spec names, plug-ins found through the given class loader. */
    public Replay(EngineSpec spec, ClassLoader plugins) {
        for (Decoder d : Components.decoders(spec.decoders(), plugins)) {
            decoders.put(d.name(), d);
        }
        this.limits = spec.limits();
    }

    /**
     * One layer of the evidence.
     *
     * @param step the step that uncovered it; null for the root
     * @param node the node, with its bytes
     */
    public record Layer(Step step, Payload node) {
    }

    /** Why a path could not be replayed. */
    public static final class ReplayException extends Exception {
        private static final long serialVersionUID = 1L;

        ReplayException(String message) {
            super(message);
        }
    }

    /** The root, then one layer per step, each with the bytes the engine saw. */
    public List<Layer> layers(Exchange exchange, Location location, List<Step> steps) throws ReplayException {
        List<Payload> roots = RequestRoots.of(exchange);
        if (location.index() < 0 || location.index() >= roots.size()
                || !roots.get(location.index()).location().equals(location)) {
            throw new ReplayException("the exchange has no root " + location.text() + " at " + location.index());
        }
        return layers(roots.get(location.index()), steps);
    }

    /** The same for a finding in the raw bytes of a connection no parser read. */
    public List<Layer> layers(OpaqueConnection connection, Location location, List<Step> steps) throws ReplayException {
        Payload root = RequestRoots.of(connection);
        if (root == null || !root.location().equals(location)) {
            throw new ReplayException("the connection has no root " + location.text());
        }
        return layers(root, steps);
    }

    private List<Layer> layers(Payload root, List<Step> steps) throws ReplayException {
        Payload node = root;
        List<Layer> out = new ArrayList<>(steps.size() + 1);
        out.add(new Layer(null, node));
        for (Step step : steps) {
            node = child(node, step);
            out.add(new Layer(step, node));
        }
        return out;
    }

    private Payload child(Payload parent, Step step) throws ReplayException {
        Decoder decoder = decoders.get(step.decoder());
        if (decoder == null) {
            throw new ReplayException("no decoder named '" + step.decoder() + "'");
        }
        List<Payload> children;
        try {
            children = decoder.decode(parent, limits);
        } catch (PartialDecodeException e) {
            children = e.partial();
        } catch (Exception e) {
            throw new ReplayException(step.decoder() + " failed on replay: " + e.getMessage());
        }
        if (children == null || step.index() < 0 || step.index() >= children.size()) {
            throw new ReplayException(step.decoder() + " gave no child " + step.index() + " (" + step.label() + ")");
        }
        Payload child = children.get(step.index());
        Step made = child.path().get(child.path().size() - 1);
        if (!made.label().equals(step.label())) {
            throw new ReplayException("step " + step.index() + " is '" + made.label() + "', not '" + step.label() + "'");
        }
        return child.withLastStep(step);
    }
}
