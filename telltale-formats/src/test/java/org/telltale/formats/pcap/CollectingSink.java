package org.telltale.formats.pcap;

import java.util.ArrayList;
import java.util.List;

import org.telltale.api.CaptureSink;
import org.telltale.api.Observation;

/** Keeps what a reader emitted, in order. */
final class CollectingSink implements CaptureSink {
    final List<Observation> observations = new ArrayList<>();
    final List<String> diagnostics = new ArrayList<>();
    final List<String> secrets = new ArrayList<>();

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
}
