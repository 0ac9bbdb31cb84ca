package org.telltale.cli;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.telltale.api.CaptureSink;
import org.telltale.api.Observation;
import org.telltale.core.CaptureSource;
import org.telltale.store.CaptureImport;

/**
 * The proxy's traffic as one input of an analysis run. The proxy's threads hand each observation
 * over as it completes; the run's reading thread writes it into the case (committed at once) and only
 * then passes it on to be analysed, so every finding's exchange is already in the case. The hand-over
 * is bounded: when analysis falls behind, the proxy waits instead of memory growing.
 */
final class RecordingSource implements CaptureSource, CaptureSink {
    /** Observations waiting for the reading thread. */
    static final int WAITING = 1024;

    private record Diagnostic(String origin, String message) {
    }

    private static final Object END = new Object();

    private final Runnable beforeEach;
    private final CaptureSink onDiagnostic;
    private final Runnable stopAsked;
    private final BlockingQueue<Object> waiting = new ArrayBlockingQueue<>(WAITING);
    private volatile String name;
    private volatile CaptureImport recording;

    /**
     * Hands over from the proxy at once; what is handed over waits until {@link #into} names the
     * recording, so nothing is written into the case before the proxy is known to listen.
     *
     * @param beforeEach   run on the reading thread before each observation is passed on (the marked
     *                     sessions are read again there)
     * @param onDiagnostic told of each problem as the recording meets it (the console)
     * @param stopAsked    run on the reading thread when the run can read no more (the recorder stops)
     */
    RecordingSource(Runnable beforeEach, CaptureSink onDiagnostic, Runnable stopAsked) {
        this.beforeEach = beforeEach;
        this.onDiagnostic = onDiagnostic;
        this.stopAsked = stopAsked;
    }

    /** The recording in the case that what is read goes into; before the run reads. */
    RecordingSource into(String recordingName, CaptureImport captureRow) {
        this.name = recordingName;
        this.recording = captureRow;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String sha256() {
        return recording.sha256();
    }

    @Override
    public void observe(Observation o) {
        hand(o);
    }

    @Override
    public void diagnostic(String origin, String message) {
        hand(new Diagnostic(origin, message));
    }

    /** No more observations: the reading ends after those already handed over. */
    void end() {
        hand(END);
    }

    private void hand(Object o) {
        boolean interrupted = false;
        while (true) {
            try {
                waiting.put(o);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the observation is not dropped; the interrupt is kept for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void read(CaptureSink sink) throws IOException {
        while (true) {
            Object next;
            try {
                next = waiting.take();
            } catch (InterruptedException e) {
                // the run was stopped; what is still waiting is recorded, then the reading ends
                drain(sink);
                throw new IOException("stopped", e);
            }
            if (next == END) {
                return;
            }
            Object unstored = next;
            try {
                store(next);
                unstored = null;
                pass(next, sink);
            } catch (RuntimeException | Error e) {
                // The case cannot be written (its lock held past the busy timeout) or the run has stopped:
                // the recorder is asked to stop, and the proxy is never left waiting on a queue nobody
                // takes from, which would hang the stop. What is handed over until the end is still stored.
                stopAsked.run();
                storeUntilEnd(unstored);
                throw e;
            }
        }
    }

    /** After the run has stopped: stores what is handed over until the end, without analysing it. */
    private void storeUntilEnd(Object unstored) {
        boolean storing = true;
        long unwritten = 0;
        Object next = unstored;
        while (true) {
            if (next != null && storing) {
                try {
                    store(next);
                } catch (RuntimeException e) {
                    storing = false; // the case refuses it again: the rest is taken off the queue, not waited on
                }
            }
            if (next instanceof Observation && !storing) {
                unwritten++;
            }
            try {
                next = waiting.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next == END) {
                if (unwritten > 0) {
                    onDiagnostic.diagnostic("recording", unwritten + " observations could not be written into the case");
                }
                return;
            }
        }
    }

    private void drain(CaptureSink sink) {
        Object next;
        while ((next = waiting.poll()) != null && next != END) {
            store(next);
        }
    }

    private void pass(Object next, CaptureSink sink) {
        beforeEach.run();
        if (next instanceof Observation o) {
            sink.observe(o);
        } else if (next instanceof Diagnostic d) {
            sink.diagnostic(d.origin(), d.message());
        }
    }

    private void store(Object next) {
        if (next instanceof Observation o) {
            recording.observe(o);
        } else if (next instanceof Diagnostic d) {
            recording.diagnostic(d.origin(), d.message());
            onDiagnostic.diagnostic(d.origin(), d.message());
        }
    }
}
