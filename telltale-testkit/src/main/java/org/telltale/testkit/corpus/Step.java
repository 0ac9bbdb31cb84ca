package org.telltale.testkit.corpus;

/**
 * One layer between where a value sits in a request and the value itself, outermost first in a
 * chain: {@code body > form:data_list > base64:std > gzip > json:/0/properties/$url}.
 * The kinds are the constants below; tests decode a chain back by hand to check the corpus.
 *
 * @param kind what the layer is, one of the constants of this class
 * @param arg  which part of it (a field name, a JSON pointer, a protobuf field path, a variant); null when none
 */
public record Step(String kind, String arg) {
    /** The request URL; the start of a chain. */
    public static final String URL = "url";
    /** A request header named by arg; the start of a chain. */
    public static final String HEADER = "header";
    /** A cookie named by arg, in the Cookie header; the start of a chain. */
    public static final String COOKIE = "cookie";
    /** The request body as sent; the start of a chain. */
    public static final String BODY = "body";
    /** The query parameter named by arg of a URL or query string, percent-decoded once. */
    public static final String QUERY = "query";
    /** The form field named by arg of an application/x-www-form-urlencoded text, decoded once. */
    public static final String FORM = "form";
    /** The JSON value at the JSON pointer in arg; a string's text, else the value as JSON. */
    public static final String JSON = "json";
    /** One more round of percent-decoding. */
    public static final String PERCENT = "percent";
    /** Base64; arg is the variant: std, url, unpadded or mime. */
    public static final String BASE64 = "base64";
    /** Lower-case hexadecimal. */
    public static final String HEX = "hex";
    /** A gzip stream. */
    public static final String GZIP = "gzip";
    /** A zlib (RFC 1950) deflate stream, as HTTP's "deflate" sends it. */
    public static final String DEFLATE = "deflate";
    /** Raw deflate (RFC 1951 without a zlib header), as Java's Deflater(level, true) and pako's deflateRaw write it. */
    public static final String DEFLATE_RAW = "deflate-raw";
    /** The CBOR value at the JSON pointer in arg (a text string's text, a byte string's bytes). */
    public static final String CBOR = "cbor";
    /** The MessagePack value at the JSON pointer in arg (a string's text, a binary's bytes). */
    public static final String MSGPACK = "msgpack";
    /** The text of the XML element at the slash path in arg ("/event/q"). */
    public static final String XML = "xml";
    /** The gRPC message (length-prefixed frame) numbered arg from 0. */
    public static final String GRPC = "grpc";
    /** The JSON line numbered arg from 0. */
    public static final String JSONL = "jsonl";
    /** The JSON of a Socket.IO event packet ("42[...]"). */
    public static final String SOCKETIO = "socketio";
    /** Length-delimited protobuf fields, arg the field numbers from the outside in ("1.2.2"). */
    public static final String PROTOBUF = "protobuf";
    /** The payload of a JSON Web Token (its second part, base64url). */
    public static final String JWT = "jwt";
    /** The value's digest; arg is algorithm and form, "sha256/hex" (see {@link HashForm}). Innermost. */
    public static final String HASH = "hash";
    /** Another spelling of the value; arg names it (see {@link Spelling}). Innermost. */
    public static final String SPELLING = "spelling";

    /** A step without an argument. */
    public static Step of(String kind) {
        return new Step(kind, null);
    }

    /** A step with an argument. */
    public static Step of(String kind, String arg) {
        return new Step(kind, arg);
    }

    @Override
    public String toString() {
        return arg == null ? kind : kind + ":" + arg;
    }
}
