package org.telltale.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.telltale.api.CaptureException;
import org.telltale.api.CaptureSink;
import org.telltale.api.Exchange;
import org.telltale.api.Observation;
import org.telltale.formats.har.HarReader;

/** The exchanges of real page loads recorded by browsers, read from HAR files into memory. */
final class PageLoads {
    /** The pagexray HAR files of nytimes.com and expressen.se (935 requests), relative to the repository root. */
    static final String PAGEXRAY = "telltale-formats/src/test/resources/har/www.nytimes.com.har,"
            + "telltale-formats/src/test/resources/har/expressen.har";

    private PageLoads() {
    }

    /** Every exchange of the HAR files, comma-separated paths, in file order. */
    static List<Exchange> read(String hars) throws IOException, CaptureException {
        List<Exchange> exchanges = new ArrayList<>();
        for (String har : hars.split(",")) {
            new HarReader().read(Path.of(har.trim()), new CaptureSink() {
                @Override
                public void observe(Observation o) {
                    if (o instanceof Exchange e) {
                        exchanges.add(e);
                    }
                }

                @Override
                public void diagnostic(String origin, String message) {
                }
            });
        }
        return exchanges;
    }
}
