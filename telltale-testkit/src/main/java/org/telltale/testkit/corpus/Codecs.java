package org.telltale.testkit.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import java.util.zip.GZIPOutputStream;

/** The encodings the corpus wraps values in, each one way only: the corpus never decodes. */
final class Codecs {
    private static final CBORMapper CBOR = new CBORMapper();

    private Codecs() {
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** zlib-wrapped deflate, which is what HTTP calls "deflate". */
    static byte[] deflate(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Raw deflate: java.util.zip.Deflater with nowrap, no zlib header or checksum. */
    static byte[] deflateRaw(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    /** CBOR as Jackson's CBOR module writes it. */
    static byte[] cbor(Object value) {
        try {
            return CBOR.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A MessagePack map of string keys as msgpack-java's MessagePacker writes it; byte[] values as binary. */
    static byte[] msgpack(java.util.Map<String, Object> map) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(map.size());
            for (java.util.Map.Entry<String, Object> e : map.entrySet()) {
                p.packString(e.getKey());
                Object v = e.getValue();
                if (v instanceof byte[] b) {
                    p.packBinaryHeader(b.length).writePayload(b);
                } else if (v instanceof Integer i) {
                    p.packInt(i);
                } else {
                    p.packString(String.valueOf(v));
                }
            }
            p.flush();
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An XML document written by the JDK's XMLStreamWriter: root, then each name/value pair as an element. */
    static String xml(String root, java.util.Map<String, String> elements) {
        java.io.StringWriter s = new java.io.StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(s);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement(root);
            for (java.util.Map.Entry<String, String> e : elements.entrySet()) {
                w.writeStartElement(e.getKey());
                w.writeCharacters(e.getValue());
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return s.toString();
    }

    /** One gRPC frame per the wire spec: a compressed-flag byte (0), a 4-byte big-endian length, the message. */
    static byte[] grpcFrame(byte[] message) {
        return java.nio.ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    /** Base64 in the variant a {@link Step#BASE64} step names: std, url, unpadded or mime. */
    static String base64(String variant, byte[] data) {
        return switch (variant) {
            case "std" -> Base64.getEncoder().encodeToString(data);
            case "url" -> Base64.getUrlEncoder().encodeToString(data);
            case "unpadded" -> Base64.getEncoder().withoutPadding().encodeToString(data);
            case "mime" -> Base64.getMimeEncoder().encodeToString(data);
            default -> throw new IllegalArgumentException("unknown base64 variant " + variant);
        };
    }

    static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }

    /** Percent-encodes every byte outside RFC 3986's unreserved set, as some SDKs do by hand. */
    static String percent(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /** Whether {@link #percent} changes the text. */
    static boolean needsPercent(String text) {
        return !percent(text).equals(text);
    }

    /** application/x-www-form-urlencoded, as browsers and java.net.URLEncoder write it. */
    static String form(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
