package org.telltale.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the bytes each benchmark operation went through. In throughput mode JMH reports the count as
 * a rate next to the benchmark's own: {@code NAME:bytes} in "ops/s", which here means bytes per
 * second; divide by 10^6 for MB/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class PayloadBytes {
    /** Bytes processed so far in this iteration. */
    public long bytes;

    /** Starts each iteration from zero, so the rate is per iteration. */
    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
    }
}
