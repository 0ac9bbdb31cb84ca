package org.telltale.apk.manifest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes Android's binary XML (the chunks aapt writes: a UTF-16 string pool, the resource map of attribute
 * names, start and end elements), for manifests no real APK has: thousands of permissions, a versionCodeMajor,
 * values of every type. Attribute names with a resource id come first in the pool, as the format requires.
 */
final class BinaryXmlWriter {
    static final String ANDROID = "http://schemas.android.com/apk/res/android";
    static final int TYPE_REFERENCE = 0x01;
    static final int TYPE_STRING = 0x03;
    static final int TYPE_INT_DEC = 0x10;
    static final int TYPE_INT_BOOLEAN = 0x12;

    private record Attr(String namespace, String name, int resourceId, int type, Object value) {
    }

    private record Event(boolean start, String name, List<Attr> attrs) {
    }

    private final List<Event> events = new ArrayList<>();
    private List<Attr> current;

    BinaryXmlWriter start(String name) {
        current = new ArrayList<>();
        events.add(new Event(true, name, current));
        return this;
    }

    /** A plain (namespace-less) string attribute, such as {@code package}. */
    BinaryXmlWriter attr(String name, String value) {
        current.add(new Attr(null, name, 0, TYPE_STRING, value));
        return this;
    }

    /** An android: attribute with its resource id; value a String, Integer (with type) or Boolean. */
    BinaryXmlWriter android(String name, int resourceId, int type, Object value) {
        current.add(new Attr(ANDROID, name, resourceId, type, value));
        return this;
    }

    BinaryXmlWriter end(String name) {
        events.add(new Event(false, name, List.of()));
        return this;
    }

    byte[] build() {
        Map<String, Integer> pool = new LinkedHashMap<>();
        List<Integer> ids = new ArrayList<>();
        for (Event e : events) {
            for (Attr a : e.attrs()) {
                if (a.resourceId() != 0 && !pool.containsKey(a.name())) {
                    pool.put(a.name(), pool.size());
                    ids.add(a.resourceId());
                }
            }
        }
        for (Event e : events) {
            index(pool, e.name());
            for (Attr a : e.attrs()) {
                index(pool, a.name());
                if (a.namespace() != null) {
                    index(pool, a.namespace());
                }
                if (a.value() instanceof String s) {
                    index(pool, s);
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(stringPool(new ArrayList<>(pool.keySet())));
        ByteBuffer map = le(8 + 4 * ids.size()).putShort((short) 0x0180).putShort((short) 8).putInt(8 + 4 * ids.size());
        ids.forEach(map::putInt);
        body.writeBytes(map.array());
        for (Event e : events) {
            if (e.start()) {
                int size = 16 + 20 + 20 * e.attrs().size();
                ByteBuffer b = le(size).putShort((short) 0x0102).putShort((short) 16).putInt(size).putInt(1).putInt(-1)
                        .putInt(-1).putInt(pool.get(e.name())).putShort((short) 20).putShort((short) 20)
                        .putShort((short) e.attrs().size()).putShort((short) 0).putShort((short) 0).putShort((short) 0);
                for (Attr a : e.attrs()) {
                    int data = a.value() instanceof String s ? pool.get(s)
                            : a.value() instanceof Boolean bool ? (bool ? -1 : 0) : (Integer) a.value();
                    b.putInt(a.namespace() == null ? -1 : pool.get(a.namespace())).putInt(pool.get(a.name()))
                            .putInt(a.type() == TYPE_STRING ? data : -1).putShort((short) 8).put((byte) 0)
                            .put((byte) a.type()).putInt(data);
                }
                body.writeBytes(b.array());
            } else {
                body.writeBytes(le(24).putShort((short) 0x0103).putShort((short) 16).putInt(24).putInt(1).putInt(-1)
                        .putInt(-1).putInt(pool.get(e.name())).array());
            }
        }
        byte[] chunks = body.toByteArray();
        return le(8 + chunks.length).putShort((short) 0x0003).putShort((short) 8).putInt(8 + chunks.length).put(chunks).array();
    }

    private static void index(Map<String, Integer> pool, String s) {
        pool.putIfAbsent(s, pool.size());
    }

    private static byte[] stringPool(List<String> strings) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int[] offsets = new int[strings.size()];
        for (int i = 0; i < strings.size(); i++) {
            offsets[i] = data.size();
            String s = strings.get(i);
            ByteBuffer b = le(4 + 2 * s.length()).putShort((short) s.length());
            for (char c : s.toCharArray()) {
                b.putChar(c);
            }
            data.writeBytes(b.putShort((short) 0).array());
        }
        while (data.size() % 4 != 0) {
            data.write(0);
        }
        int stringsStart = 28 + 4 * strings.size();
        int size = stringsStart + data.size();
        ByteBuffer b = le(size).putShort((short) 0x0001).putShort((short) 28).putInt(size).putInt(strings.size()).putInt(0)
                .putInt(0).putInt(stringsStart).putInt(0);
        for (int offset : offsets) {
            b.putInt(offset);
        }
        return b.put(data.toByteArray()).array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
