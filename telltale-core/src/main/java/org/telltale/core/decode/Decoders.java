package org.telltale.core.decode;

import java.util.List;

import org.telltale.api.Decoder;

/** The built-in decoders, in one literal list. The walker orders them per node by fit(). */
public final class Decoders {
    private Decoders() {
    }

    public static List<Decoder> builtIn() {
        return List.of(
                new GzipDecoder(),
                new DeflateDecoder(),
                new RawDeflateDecoder(),
                new BrotliDecoder(),
                new ZstdDecoder(),
                new UrlDecoder(),
                new MultipartDecoder(),
                new FormDecoder(),
                new JwtDecoder(),
                new JsonLinesDecoder(),
                new SocketIoDecoder(),
                new SignalRDecoder(),
                new JsonDecoder(),
                new PlistDecoder(),
                new XmlDecoder(),
                new HexDecoder(),
                new Base64Decoder(),
                new PercentDecoder(),
                new CborDecoder(),
                new MsgPackDecoder(),
                new GrpcDecoder(),
                new ProtobufDecoder());
    }
}
