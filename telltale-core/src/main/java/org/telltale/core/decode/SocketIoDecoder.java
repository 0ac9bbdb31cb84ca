package org.telltale.core.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;
import org.telltale.api.Step;

/**
 * Socket.IO packets inside Engine.IO: a WebSocket message or a polling body such as
 * {@code 42["event",{"email":"..."}]} or {@code 42/chat,17["say","hi"]} (Engine.IO type 4, message;
 * Socket.IO type 2 event, 3 ack, 0 connect with its auth object; an optional namespace and ack id).
 * Polling bodies hold several packets separated by the record separator 0x1e (Engine.IO v4). Each
 * packet's JSON becomes "socketio:event", "socketio:ack" or "socketio:connect" (with "[N]" after it
 * when a body holds several packets), with its span, for the JSON decoder to read.
 */
final class SocketIoDecoder implements Decoder {
    static final String NAME = "socketio";
    private static final byte RS = 0x1e;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double fit(Payload payload) {
        byte[] d = payload.data();
        if (d.length < 4 || d[0] < '0' || d[0] > '6') {
            return -1;
        }
        int head = Math.min(d.length, Bytes.SNIFF);
        if (jsonStart(d, 0, head) > 0) {
            return Fits.FRAMED_TEXT;
        }
        // A polling body may open with a ping or another Engine.IO packet before the record separator.
        int rs = Bytes.indexOf(d, RS, 0, head);
        return rs > 0 && rs + 1 < d.length && d[rs + 1] >= '0' && d[rs + 1] <= '6' ? Fits.FRAMED_TEXT : -1;
    }

    private static String packetType(byte b) {
        return switch (b) {
            case '0' -> "connect";
            case '2' -> "event";
            case '3' -> "ack";
            case '5' -> "event";
            case '6' -> "ack";
            default -> null;
        };
    }

    /**
     * Where the JSON of a packet starting at from begins: after "4", the type digit, binary
     * attachments "N-", a namespace "/ns," and an ack id; -1 when the packet does not have that shape.
     */
    private static int jsonStart(byte[] d, int from, int to) {
        if (to - from < 3 || d[from] != '4' || packetType(d[from + 1]) == null) {
            return -1;
        }
        int i = from + 2;
        int digits = i;
        while (i < to && d[i] >= '0' && d[i] <= '9') {
            i++;
        }
        if (i < to && d[i] == '-' && i > digits) {
            i++;
        } else {
            i = digits;
        }
        if (i < to && d[i] == '/') {
            while (i < to && d[i] != ',' && d[i] != '[' && d[i] != '{') {
                i++;
            }
            if (i < to && d[i] == ',') {
                i++;
            }
        }
        while (i < to && d[i] >= '0' && d[i] <= '9') {
            i++;
        }
        return i < to && (d[i] == '[' || d[i] == '{') ? i : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        List<int[]> packets = new ArrayList<>();
        int start = 0;
        while (start < d.length && packets.size() <= limits.maxChildren()) {
            int rs = Bytes.indexOf(d, RS, start, d.length);
            int end = rs < 0 ? d.length : rs;
            int json = jsonStart(d, start, end);
            if (json >= 0) {
                int to = end;
                while (to > json && Bytes.isWhitespace(d[to - 1])) {
                    to--;
                }
                packets.add(new int[] {start, json, to});
            } else if (d[start] == '4' && end - start > 1) {
                // A message packet without the shape: this is not Socket.IO. Pings ("2", "3") and
                // Engine.IO's other packets carry nothing and are passed over.
                return List.of();
            }
            if (rs < 0) {
                break;
            }
            start = rs + 1;
        }
        List<Payload> out = new ArrayList<>(packets.size());
        for (int k = 0; k < packets.size(); k++) {
            int[] p = packets.get(k);
            String label = NAME + ":" + packetType(d[p[0] + 1]) + (packets.size() > 1 ? "[" + k + "]" : "");
            out.add(payload.child(Step.of(label, p[1], p[2]), Arrays.copyOfRange(d, p[1], p[2]), null, null));
        }
        return out;
    }
}
