package org.telltale.core.decode;

import java.io.ByteArrayInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX readers over captured XML, made safe for hostile input: the JDK's own implementation (never
 * one found on the class path), no DTD processing, no external entities, no entity expansion beyond
 * the five predefined ones and character references, and an element nesting bound that the
 * decoders enforce as they read.
 */
final class XmlReaders {
    /** Deeper elements are not read: no real document nests this deep. */
    static final int MAX_NESTING = 64;

    private XmlReaders() {
    }

    static XMLStreamReader open(byte[] data) throws XMLStreamException {
        // A new factory each time: XMLInputFactory is not documented as thread-safe for configuration.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external entity refused: " + systemId);
        });
        return f.createXMLStreamReader(new ByteArrayInputStream(data));
    }

    /** Whether the bytes start like XML: optional BOM and whitespace, then "<?xml", "<!DOCTYPE", or a tag. */
    static boolean startsLikeXml(byte[] d) {
        int i = 0;
        if (d.length >= 3 && (d[0] & 0xff) == 0xef && (d[1] & 0xff) == 0xbb && (d[2] & 0xff) == 0xbf) {
            i = 3;
        }
        i = Bytes.skipWhitespace(d, i);
        if (i + 1 >= d.length || d[i] != '<') {
            return false;
        }
        int b = d[i + 1];
        return b == '?' && Bytes.startsWithAscii(d, i, "<?xml") || b == '!' && Bytes.startsWithAscii(d, i, "<!DOCTYPE")
                || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
    }
}
