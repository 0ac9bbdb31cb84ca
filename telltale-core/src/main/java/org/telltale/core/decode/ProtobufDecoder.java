package org.telltale.core.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * Protobuf without a schema, declared or sniffed on binary bytes (undeclared, a message must parse
 * strictly and hold some text, see {@link ProtobufWire#plausible}; inside a message, or just out
 * of a decompression layer, whose output is never random, the bytes need only parse strictly).
 * Each field becomes a child
 * "protobuf:N": varints and fixed values as decimal text (so detectors see numeric ids, and a
 * fixed64 that reads as an ordinary double, such as a coordinate, also as that number),
 * length-delimited fields as their bytes, which the walker then peels further (nested messages
 * give protobuf:1 > protobuf:3).
 */
final class ProtobufDecoder implements Decoder {
    @Override
    public String name() {
        return "protobuf";
    }

    @Override
    public double fit(Payload payload) {
        if (declared(payload)) {
            return Fits.DECLARED_TYPE;
        }
        byte[] d = payload.data();
        if (d.length < 2) {
            return -1;
        }
        int tag = d[0] & 0xff;
        int type = tag & 7;
        boolean tagOk = tag >= 8 && (type == 0 || type == 1 || type == 2 || type == 5);
        return tagOk && !Bytes.headLooksLikeText(d) ? Fits.PROTOBUF : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        byte[] d = payload.data();
        boolean declared = declared(payload);
        String last = payload.lastStep();
        boolean insideMessage = last != null && last.startsWith("protobuf:");
        if (!declared && !insideMessage && !Decompression.isStep(last) && !ProtobufWire.plausible(d)) {
            return List.of();
        }
        List<Payload> out = new ArrayList<>();
        boolean ok = ProtobufWire.parse(d, !declared, Integer.MAX_VALUE, (number, type, value, from, to) -> {
            if (out.size() > limits.maxChildren()) {
                return;
            }
            String step = "protobuf:" + number;
            switch (type) {
                case ProtobufWire.VARINT -> out.add(payload.child(step, Bytes.utf8(Long.toString(value))));
                case ProtobufWire.FIXED32 -> out.add(payload.child(step, Bytes.utf8(Long.toString(value))));
                case ProtobufWire.FIXED64 -> {
                    out.add(payload.child(step, Bytes.utf8(Long.toUnsignedString(value))));
                    double asDouble = Double.longBitsToDouble(value);
                    double magnitude = Math.abs(asDouble);
                    if (magnitude > 1e-6 && magnitude < 1e9) {
                        out.add(payload.child(step, Bytes.utf8(Double.toString(asDouble))));
                    }
                }
                default -> {
                    if (to > from) {
                        out.add(payload.childAt(step, from, to, Arrays.copyOfRange(d, from, to)));
                    }
                }
            }
        });
        if (!ok && declared) {
            throw new IllegalArgumentException("declared protobuf does not parse as a message");
        }
        return ok ? out : List.of();
    }

    private static boolean declared(Payload payload) {
        String e = MediaTypes.essence(payload.contentType());
        return e.equals("application/x-protobuf") || e.equals("application/protobuf")
                || e.equals("application/vnd.google.protobuf") || e.equals("application/x-google-protobuf")
                || e.equals("application/octet-stream+protobuf");
    }
}
