package org.telltale.core.decode;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.telltale.api.DecodeLimits;
import org.telltale.api.Decoder;
import org.telltale.api.Payload;

/**
 * Apple's XML property lists (declared application/x-plist, or XML whose head names a plist),
 * read with the JDK's StAX reader made safe by {@link XmlReaders}. Keys and array positions make a
 * path in the JSON style, "plist:$.user.email", "plist:$.events[0].id"; strings, numbers, dates and
 * booleans become text children, and {@code <data>} is base64, so its child holds the decoded
 * bytes. Binary plists (bplist00) are not read.
 */
final class PlistDecoder implements Decoder {
    static final String NAME = "plist";
    /** How far into the bytes the plist root or its DOCTYPE is looked for. */
    private static final int HEAD = 512;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double fit(Payload payload) {
        String e = MediaTypes.essence(payload.contentType());
        byte[] d = payload.data();
        if (e.equals("application/x-plist") || e.equals("application/plist") || e.endsWith("+plist")) {
            return Fits.PLIST;
        }
        return XmlReaders.startsLikeXml(d) && Bytes.headLooksLikeText(d) && namesPlist(d) ? Fits.PLIST : -1;
    }

    private static boolean namesPlist(byte[] d) {
        int end = Math.min(d.length, HEAD) - 6;
        for (int i = 0; i < end; i++) {
            if (d[i] == '<' && (Bytes.startsWithAscii(d, i + 1, "plist") || Bytes.startsWithAscii(d, i + 1, "!DOCTYPE plist"))) {
                return true;
            }
        }
        return false;
    }

    /** An open dict or array. */
    private static final class Container {
        final String path;
        final boolean array;
        int index;
        String key;

        Container(String path, boolean array) {
            this.path = path;
            this.array = array;
        }
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
            throw e;
        }
        return out;
    }

    private static void read(Payload payload, int maxChildren, List<Payload> out) throws XMLStreamException {
        XMLStreamReader r = XmlReaders.open(payload.data());
        try {
            List<Container> open = new ArrayList<>();
            boolean inPlist = false;
            while (r.hasNext() && out.size() <= maxChildren) {
                int event = r.next();
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new XMLStreamException("undeclared entity &" + r.getLocalName() + ";");
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = r.getLocalName();
                    if ((name.equals("dict") || name.equals("array")) && !open.isEmpty()) {
                        open.remove(open.size() - 1);
                    }
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = r.getLocalName();
                if (!inPlist) {
                    if (!name.equals("plist")) {
                        throw new XMLStreamException("the root element is <" + name + ">, not <plist>");
                    }
                    inPlist = true;
                    continue;
                }
                Container top = open.isEmpty() ? null : open.get(open.size() - 1);
                if (name.equals("key")) {
                    if (top == null || top.array) {
                        throw new XMLStreamException("<key> outside a dict");
                    }
                    top.key = r.getElementText();
                    continue;
                }
                String path = valuePath(top);
                switch (name) {
                    case "dict", "array" -> {
                        if (open.size() >= XmlReaders.MAX_NESTING) {
                            throw new XMLStreamException("containers nested deeper than " + XmlReaders.MAX_NESTING);
                        }
                        open.add(new Container(path, name.equals("array")));
                    }
                    case "data" -> {
                        byte[] text = Bytes.utf8(r.getElementText());
                        Base64Text.Decoded bytes = Base64Text.decode(text, 0, text.length, false);
                        if (bytes == null) {
                            throw new XMLStreamException("<data> at " + path + " is not base64");
                        }
                        add(payload, path, bytes.bytes(), out);
                    }
                    case "true", "false" -> add(payload, path, Bytes.utf8(name), out);
                    default -> add(payload, path, Bytes.utf8(r.getElementText()), out);
                }
            }
        } finally {
            r.close();
        }
    }

    /** The path of the next value in the container, moving an array on to its next index. */
    private static String valuePath(Container top) throws XMLStreamException {
        if (top == null) {
            return NAME + ":$";
        }
        if (top.array) {
            return top.path + "[" + top.index++ + "]";
        }
        if (top.key == null) {
            throw new XMLStreamException("a dict value without its <key>");
        }
        StringBuilder b = new StringBuilder(top.path);
        JsonDecoder.appendKey(b, top.key);
        top.key = null;
        return b.toString();
    }

    private static void add(Payload payload, String path, byte[] value, List<Payload> out) {
        if (value.length > 0) {
            out.add(payload.child(path, value));
        }
    }
}
