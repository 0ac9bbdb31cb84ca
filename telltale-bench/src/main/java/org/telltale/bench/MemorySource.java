package org.telltale.bench;

import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.core.CaptureSource;

import java.util.List;

/** A capture held in memory, so that a benchmark measures analysis and not file reading. */
final class MemorySource implements CaptureSource {
    private final String name;
    private final List<Exchange> exchanges;

    MemorySource(String name, List<Exchange> exchanges) {
        this.name = name;
        this.exchanges = List.copyOf(exchanges);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void read(CaptureSink sink) {
        exchanges.forEach(sink::observe);
    }
}
