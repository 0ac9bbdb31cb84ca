package org.telltale.core.decode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;
import org.telltale.api.Step;

/**
 * gRPC and gRPC-web length-prefixed messages: each frame is one flag byte (bit 0: the message is
 * compressed with the call's grpc-encoding; bit 7: a gRPC-web trailers frame) and a 4-byte
 * big-endian length, then the message. Declared (application/grpc, application/grpc-web, with
 * +proto or +json) or sniffed when the frames tile the whole input exactly. The text variant
 * (application/grpc-web-text) is base64, each chunk padded on its own, and is read here too.
 * Children are the data frames' messages, "grpc:message[N]" (N counts messages from 0), with their
 * span in the parent for the binary variants; a declared protobuf or JSON codec is passed on as the
 * message's Content-Type when the message is not compressed.
 */
final class GrpcDecoder implements Decoder {
    static final String NAME = "grpc";
    private static final int HEADER = 5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double fit(Payload payload) {
        String type = MediaTypes.essence(payload.contentType());
        if (type.startsWith("application/grpc")) {
            return Fits.DECLARED_TYPE;
        }
        return tiles(payload.data()) ? Fits.FRAMING : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) {
        String type = MediaTypes.essence(payload.contentType());
        boolean text = type.startsWith("application/grpc-web-text");
        byte[] d = text ? base64Chunks(payload.data()) : payload.data();
        boolean declared = type.startsWith("application/grpc");
        if (d == null || !(declared ? tiles(d) : plausible(d))) {
            if (declared) {
                throw new IllegalArgumentException("declared " + type + " is not length-prefixed gRPC frames");
            }
            return List.of();
        }
        String codec = type.endsWith("+json") ? "application/json"
                : type.startsWith("application/grpc") ? "application/x-protobuf" : null;
        List<Payload> out = new ArrayList<>();
        int pos = 0;
        int message = 0;
        while (pos < d.length && out.size() <= limits.maxChildren()) {
            int flags = d[pos] & 0xff;
            int length = length(d, pos);
            int from = pos + HEADER;
            int to = from + length;
            if ((flags & 0x80) == 0 && length > 0) {
                Step step = text ? Step.of("grpc:message[" + message + "]", Step.UNKNOWN, Step.UNKNOWN)
                        : Step.of("grpc:message[" + message + "]", from, to);
                out.add(payload.child(step, Arrays.copyOfRange(d, from, to), (flags & 1) == 0 ? codec : null, null));
            }
            if ((flags & 0x80) == 0) {
                message++;
            }
            pos = to;
        }
        return out;
    }

    /**
     * Whether d is a sequence of whole frames and nothing else, with at least one data frame first;
     * flags other than "compressed" and "trailers" are refused.
     */
    static boolean tiles(byte[] d) {
        if (d.length < HEADER || (d[0] & 0xff) > 1) {
            return false;
        }
        int pos = 0;
        while (pos < d.length) {
            int flags = d[pos] & 0xff;
            if ((flags & 0x7e) != 0 || d.length - pos < HEADER) {
                return false;
            }
            long length = length(d, pos);
            if (length > d.length - pos - HEADER) {
                return false;
            }
            pos += HEADER + (int) length;
        }
        return true;
    }

    /**
     * Frames that base64 or hex uncovered, or a guessed layer made: they tile the input and their
     * messages are themselves plausible (a protobuf message that parses strictly and holds text, or
     * text; a compressed one has its magic number), so a zero byte followed by a lucky length is not
     * enough.
     */
    static boolean plausible(byte[] d) {
        if (!tiles(d)) {
            return false;
        }
        int pos = 0;
        boolean any = false;
        while (pos < d.length) {
            int length = length(d, pos);
            byte[] m = Arrays.copyOfRange(d, pos + HEADER, pos + HEADER + length);
            if ((d[pos] & 0x80) == 0 && length > 0) {
                boolean compressed = (d[pos] & 1) != 0;
                if (!(compressed ? Plausible.hasMagic(m) : ProtobufWire.plausible(m) || Plausible.text(m))) {
                    return false;
                }
                any = true;
            }
            pos += HEADER + length;
        }
        return any;
    }

    private static int length(byte[] d, int pos) {
        long v = (d[pos + 1] & 0xffL) << 24 | (d[pos + 2] & 0xff) << 16 | (d[pos + 3] & 0xff) << 8 | (d[pos + 4] & 0xff);
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** gRPC-web-text: base64, where a sender may pad and start anew after each frame; null when not base64. */
    private static byte[] base64Chunks(byte[] d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(d.length * 3 / 4);
        int from = 0;
        int i = 0;
        while (i < d.length) {
            if (d[i] == '=') {
                int end = i;
                while (end < d.length && d[end] == '=') {
                    end++;
                }
                Base64Text.Decoded chunk = Base64Text.decode(d, from, end, false);
                if (chunk == null) {
                    return null;
                }
                out.writeBytes(chunk.bytes());
                from = end;
                i = end;
            } else {
                i++;
            }
        }
        if (from < d.length) {
            Base64Text.Decoded chunk = Base64Text.decode(d, from, d.length, false);
            if (chunk == null) {
                return null;
            }
            out.writeBytes(chunk.bytes());
        }
        return out.toByteArray();
    }
}
