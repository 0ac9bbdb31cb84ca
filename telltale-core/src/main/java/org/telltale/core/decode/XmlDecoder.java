package org.telltale.core.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * XML (SOAP, RSS-like uploads, config blobs), declared or sniffed from its first tag, read with the
 * JDK's StAX reader made safe by {@link XmlReaders}: no DTDs, no external entities, bounded nesting.
 * Each element's own text (entities and CDATA resolved, whitespace-only text skipped) and each
 * attribute value become children labelled with an XPath: "xml:/root/item[2]" (the second item
 * under root; the first is "item"), "xml:/root/item[2]/@id". The values are then peeled further, so
 * base64 or JSON in an element is opened. Offsets of entity-decoded text are not the parent's bytes,
 * so spans are left unknown. Property lists go to {@link PlistDecoder}.
 */
final class XmlDecoder implements Decoder {
    static final String NAME = "xml";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double fit(Payload payload) {
        if (declared(payload)) {
            return Fits.DECLARED_TYPE;
        }
        byte[] d = payload.data();
        return XmlReaders.startsLikeXml(d) && Bytes.headLooksLikeText(d) ? Fits.XML : -1;
    }

    @Override
    public List<Payload> decode(Payload payload, DecodeLimits limits) throws Exception {
        List<Payload> out = new ArrayList<>();
        try {
            read(payload, limits.maxChildren(), out);
        } catch (XMLStreamException | RuntimeException e) {
            if (!out.isEmpty()) {
                throw new PartialDecodeException(Decompression.message(e) + " (kept " + out.size()
                        + " values read before it)", out);
            }
            if (declared(payload)) {
                throw e;
            }
            return List.of();
        }
        return out;
    }

    static boolean declared(Payload payload) {
        String e = MediaTypes.essence(payload.contentType());
        return e.equals("application/xml") || e.equals("text/xml") || e.endsWith("+xml") && !e.contains("plist");
    }

    /** An open element: its path, its children's name counts, and its text so far. */
    private static final class Element {
        final String path;
        final Map<String, Integer> seen = new HashMap<>();
        final StringBuilder text = new StringBuilder();

        Element(String path) {
            this.path = path;
        }
    }

    private static void read(Payload payload, int maxChildren, List<Payload> out) throws XMLStreamException {
        XMLStreamReader r = XmlReaders.open(payload.data());
        try {
            List<Element> open = new ArrayList<>();
            Map<String, Integer> roots = new HashMap<>();
            while (r.hasNext() && out.size() <= maxChildren) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() >= XmlReaders.MAX_NESTING) {
                            throw new XMLStreamException("elements nested deeper than " + XmlReaders.MAX_NESTING);
                        }
                        String name = qualified(r.getPrefix(), r.getLocalName());
                        Map<String, Integer> siblings = open.isEmpty() ? roots : open.get(open.size() - 1).seen;
                        int n = siblings.merge(name, 1, Integer::sum);
                        String parent = open.isEmpty() ? "" : open.get(open.size() - 1).path;
                        Element e = new Element(parent + "/" + name + (n > 1 ? "[" + n + "]" : ""));
                        open.add(e);
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            String value = r.getAttributeValue(i);
                            if (!value.isEmpty()) {
                                String attr = qualified(r.getAttributePrefix(i), r.getAttributeLocalName(i));
                                out.add(payload.child(NAME + ":" + e.path + "/@" + attr, Bytes.utf8(value)));
                            }
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.get(open.size() - 1).text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Element e = open.remove(open.size() - 1);
                        String text = e.text.toString();
                        if (!text.isBlank()) {
                            out.add(payload.child(NAME + ":" + e.path, Bytes.utf8(text.strip())));
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new XMLStreamException("undeclared entity &" + r.getLocalName() + ";");
                    default -> {
                    }
                }
            }
        } finally {
            r.close();
        }
    }

    private static String qualified(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }
}
