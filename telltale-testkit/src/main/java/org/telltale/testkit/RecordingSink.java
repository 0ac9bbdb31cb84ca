package org.telltale.testkit;

import java.util.ArrayList;
import java.util.List;

import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.Observation;
import org.telltale.api.OpaqueConnection;

/** Keeps everything a capture reader emits, in order, for tests to look at. */
public final class RecordingSink implements CaptureSink {
    /** Exchanges and opaque connections, in the order emitted. */
    public final List<Observation> observations = new ArrayList<>();
    /** Diagnostics as "origin: message". */
    public final List<String> diagnostics = new ArrayList<>();
    /** TLS key logs, as handed over. */
    public final List<String> secrets = new ArrayList<>();

    @Override
    public void observe(Observation observation) {
        observations.add(observation);
    }

    @Override
    public void diagnostic(String origin, String message) {
        diagnostics.add(origin + ": " + message);
    }

    @Override
    public void tlsSecrets(String keyLog) {
        secrets.add(keyLog);
    }

    /** The exchanges alone, in order. */
    public List<Exchange> exchanges() {
        return observations.stream().filter(Exchange.class::isInstance).map(Exchange.class::cast).toList();
    }

    /** The opaque connections alone, in order. */
    public List<OpaqueConnection> opaque() {
        return observations.stream().filter(OpaqueConnection.class::isInstance).map(OpaqueConnection.class::cast)
                .toList();
    }
}
