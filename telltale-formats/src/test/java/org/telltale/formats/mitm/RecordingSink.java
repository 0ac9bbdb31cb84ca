package org.telltale.formats.mitm;

import java.util.ArrayList;
import java.util.List;

import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.Observation;

/** Keeps what a reader emits, in order, for the tests to look at. */
final class RecordingSink implements CaptureSink {
    final List<Observation> observations = new ArrayList<>();
    final List<String> diagnostics = new ArrayList<>();

    @Override
    public void observe(Observation observation) {
        observations.add(observation);
    }

    @Override
    public void diagnostic(String origin, String message) {
        diagnostics.add(origin + ": " + message);
    }

    List<Exchange> exchanges() {
        return observations.stream().map(Exchange.class::cast).toList();
    }
}
