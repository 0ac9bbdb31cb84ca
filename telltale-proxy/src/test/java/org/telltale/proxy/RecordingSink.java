package org.telltale.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.Observation;
import org.telltale.api.OpaqueConnection;

/** Keeps what the proxy reports, for the tests to wait on and look at. Thread-safe. */
public final class RecordingSink implements CaptureSink {
    private final List<Observation> observations = new ArrayList<>();
    private final List<String> diagnostics = new ArrayList<>();

    @Override
    public synchronized void observe(Observation observation) {
        observations.add(observation);
        notifyAll();
    }

    @Override
    public synchronized void diagnostic(String origin, String message) {
        diagnostics.add(origin + ": " + message);
        notifyAll();
    }

    public synchronized List<Exchange> exchanges() {
        return observations.stream().filter(Exchange.class::isInstance).map(Exchange.class::cast).toList();
    }

    public synchronized List<OpaqueConnection> opaque() {
        return observations.stream().filter(OpaqueConnection.class::isInstance).map(OpaqueConnection.class::cast)
                .toList();
    }

    public synchronized List<String> diagnostics() {
        return List.copyOf(diagnostics);
    }

    public synchronized List<Observation> observations() {
        return List.copyOf(observations);
    }

    /** Waits until the condition holds on this sink (checked on each report), or fails after the timeout. */
    public synchronized void await(Predicate<RecordingSink> condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.test(this)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; observations: " + observations
                        + "; diagnostics: " + diagnostics);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public void awaitExchanges(int n) throws InterruptedException {
        await(s -> s.exchanges().size() >= n, n + " exchange(s)");
    }
}
