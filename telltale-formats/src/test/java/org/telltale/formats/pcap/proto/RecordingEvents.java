package org.telltale.formats.pcap.proto;

import java.util.ArrayList;
import java.util.List;
import org.telltale.api.Exchange;
import org.telltale.api.OpaqueConnection;
import org.telltale.formats.pcap.ConnectionEvents;

/** Keeps everything a parser reports, in order, for the tests to read. */
final class RecordingEvents implements ConnectionEvents {
    final List<Exchange> exchanges = new ArrayList<>();
    final List<Long> exchangePackets = new ArrayList<>();
    final List<OpaqueConnection> opaque = new ArrayList<>();
    final List<Long> opaquePackets = new ArrayList<>();
    final List<String> diagnostics = new ArrayList<>();

    @Override
    public void exchange(long startPacket, Exchange exchange) {
        exchangePackets.add(startPacket);
        exchanges.add(exchange);
    }

    @Override
    public void opaque(long startPacket, OpaqueConnection connection) {
        opaquePackets.add(startPacket);
        opaque.add(connection);
    }

    @Override
    public void diagnostic(long packet, String message) {
        diagnostics.add(message);
    }

    /** One line per exchange: "packet N METHOD url -> status, request body R bytes, response body S bytes[, incomplete]". */
    List<String> summary() {
        List<String> out = new ArrayList<>();
        for (Exchange x : exchanges) {
            String response = x.response() == null ? "no response"
                    : x.response().status() + " with " + x.response().body().length + " bytes";
            out.add(x.origin() + " " + x.request().method() + " " + x.request().url() + " " + x.request().body().length
                    + " bytes -> " + response + (x.incomplete() ? " incomplete" : ""));
        }
        return out;
    }
}
