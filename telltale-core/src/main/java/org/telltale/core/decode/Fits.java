package org.telltale.core.decode;

/**
 * The fit scores of the built-in decoders in one place, so their order reads as a table: what the
 * sender declared first, then magic numbers, then structure sniffed from the content.
 */
final class Fits {
    static final double DECLARED_ENCODING = 100;
    static final double URL = 90;
    /** A declared framing of another format (JSON lines): above the declared format it frames. */
    static final double DECLARED_FRAMING = 85;
    static final double DECLARED_TYPE = 80;
    static final double JWT = 60;
    static final double MAGIC = 50;
    /** A length-prefixed framing (gRPC) whose frames tile the whole input exactly. */
    static final double FRAMING = 45;
    static final double NESTED_URL = 40;
    /** A property list: above a declared application/xml, since it is XML whose structure says more. */
    static final double PLIST = 81;
    /** Records of JSON in a text framing (Socket.IO packets, SignalR records) and JSON lines: above one JSON document. */
    static final double FRAMED_TEXT = 33;
    static final double JSON_LINES = 32;
    static final double JSON = 30;
    static final double XML = 28;
    static final double FORM = 20;
    static final double HEX = 15;
    static final double BASE64 = 12;
    static final double FORM_SINGLE_PAIR = 10;
    static final double PERCENT = 8;
    /** CBOR or MessagePack sniffed from a first byte that opens a map or an array; kept only when it parses whole. */
    static final double STRUCTURE = 7;
    /** Raw deflate is only taken when the stream is complete, ends at the input's end and inflates to something plausible. */
    static final double RAW_DEFLATE = 6;
    static final double PROTOBUF = 5;
    static final double BROTLI_GUESS = 2;

    private Fits() {
    }
}
