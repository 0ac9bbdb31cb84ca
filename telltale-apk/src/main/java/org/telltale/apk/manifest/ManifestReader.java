package org.telltale.apk.manifest;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.android.apksig.internal.apk.AndroidBinXmlParser;
import com.android.apksig.internal.apk.AndroidBinXmlParser.XmlParserException;

import org.telltale.apk.code.CodeFormatException;

/**
 * Reads an APK's binary {@code AndroidManifest.xml} into an {@link AppManifest}.
 *
 * <p>The binary XML is parsed by apksig's {@code AndroidBinXmlParser}: a class in apksig's {@code internal}
 * package but public, the one apksig itself reads manifests with, chosen over writing our own parser of
 * the same chunk format. Attributes are found by their framework resource id ({@code android:name} is
 * {@code 0x01010003}), as Android itself does, because obfuscated and hand-crafted manifests strip or
 * falsify attribute names; the name is used only when an attribute carries no id.
 *
 * <p>Bounded: the parser walks the bytes it is given once, and the lists kept are capped
 * ({@value #MAX_PERMISSIONS} permissions, {@value #MAX_COMPONENTS} components); past a cap the manifest is
 * refused with a one-line {@link CodeFormatException}, as is any malformed chunk.
 */
public final class ManifestReader {
    static final int MAX_PERMISSIONS = 10_000;
    static final int MAX_COMPONENTS = 100_000;

    private static final String ANDROID_NS = "http://schemas.android.com/apk/res/android";
    private static final int ATTR_NAME = 0x01010003;
    private static final int ATTR_ENABLED = 0x0101000e;
    private static final int ATTR_EXPORTED = 0x01010010;
    private static final int ATTR_MIN_SDK = 0x0101020c;
    private static final int ATTR_VERSION_CODE = 0x0101021b;
    private static final int ATTR_VERSION_NAME = 0x0101021c;
    private static final int ATTR_TARGET_ACTIVITY = 0x01010202;
    private static final int ATTR_TARGET_SDK = 0x01010270;
    private static final int ATTR_VERSION_CODE_MAJOR = 0x01010576;
    private static final int ATTR_APP_COMPONENT_FACTORY = 0x0101057a;

    private ManifestReader() {
    }

    /** The manifest's facts; a malformed or oversized manifest is a {@link CodeFormatException}. */
    public static AppManifest read(byte[] binaryXml) throws CodeFormatException {
        try {
            return new ManifestReader.Walk(new AndroidBinXmlParser(ByteBuffer.wrap(binaryXml))).run();
        } catch (XmlParserException | RuntimeException e) {
            // apksig's parser signals truncated or inconsistent chunks with runtime exceptions too.
            throw new CodeFormatException("AndroidManifest.xml: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** One pass over the parser's events, keeping the facts as they come. */
    private static final class Walk {
        private final AndroidBinXmlParser parser;
        private final List<String> path = new ArrayList<>();
        private final Set<String> permissions = new LinkedHashSet<>();
        private final List<RawComponent> components = new ArrayList<>();
        private String packageName;
        private long versionCode;
        private long versionCodeMajor;
        private String versionName;
        private Integer minSdk;
        private Integer targetSdk;
        private String applicationClass;
        private String appComponentFactory;

        Walk(AndroidBinXmlParser parser) {
            this.parser = parser;
        }

        AppManifest run() throws XmlParserException, CodeFormatException {
            int event;
            while ((event = parser.next()) != AndroidBinXmlParser.EVENT_END_DOCUMENT) {
                if (event == AndroidBinXmlParser.EVENT_START_ELEMENT) {
                    String element = isEmpty(parser.getNamespace()) ? parser.getName() : null;
                    path.add(element);
                    startElement(element);
                } else if (event == AndroidBinXmlParser.EVENT_END_ELEMENT && !path.isEmpty()) {
                    path.remove(path.size() - 1);
                }
            }
            if (packageName == null) {
                throw new CodeFormatException("AndroidManifest.xml: no <manifest package=...>");
            }
            List<AppManifest.Component> resolved = new ArrayList<>(components.size());
            for (RawComponent c : components) {
                resolved.add(new AppManifest.Component(c.kind, resolve(c.name), c.exported, c.enabled, resolve(c.target)));
            }
            return new AppManifest(packageName, versionCodeMajor << 32 | (versionCode & 0xffffffffL), versionName,
                    minSdk, targetSdk, new ArrayList<>(permissions), resolve(applicationClass), resolve(appComponentFactory),
                    resolved);
        }

        private void startElement(String element) throws XmlParserException, CodeFormatException {
            if (element == null) {
                return;
            }
            int depth = path.size();
            String parent = depth >= 2 ? path.get(depth - 2) : null;
            if (depth == 1 && element.equals("manifest")) {
                packageName = plainString("package");
                Long code = integer(ATTR_VERSION_CODE, "versionCode");
                versionCode = code == null ? 0 : code;
                Long major = integer(ATTR_VERSION_CODE_MAJOR, "versionCodeMajor");
                versionCodeMajor = major == null ? 0 : major;
                versionName = string(ATTR_VERSION_NAME, "versionName");
            } else if (depth == 2 && "manifest".equals(parent)) {
                manifestChild(element);
            } else if (depth == 3 && "application".equals(parent)) {
                AppManifest.Kind kind = AppManifest.Kind.ofElement(element);
                if (kind != null && kind != AppManifest.Kind.INSTRUMENTATION) {
                    addComponent(kind);
                }
            }
        }

        private void manifestChild(String element) throws XmlParserException, CodeFormatException {
            switch (element) {
                case "uses-sdk" -> {
                    minSdk = sdk(ATTR_MIN_SDK, "minSdkVersion");
                    targetSdk = sdk(ATTR_TARGET_SDK, "targetSdkVersion");
                }
                case "uses-permission", "uses-permission-sdk-23", "uses-permission-sdk-m" -> {
                    String name = string(ATTR_NAME, "name");
                    if (name != null && permissions.add(name) && permissions.size() > MAX_PERMISSIONS) {
                        throw new CodeFormatException("AndroidManifest.xml: more than " + MAX_PERMISSIONS + " permissions");
                    }
                }
                case "application" -> {
                    applicationClass = string(ATTR_NAME, "name");
                    appComponentFactory = string(ATTR_APP_COMPONENT_FACTORY, "appComponentFactory");
                }
                case "instrumentation" -> addComponent(AppManifest.Kind.INSTRUMENTATION);
                default -> {
                }
            }
        }

        private void addComponent(AppManifest.Kind kind) throws XmlParserException, CodeFormatException {
            if (components.size() >= MAX_COMPONENTS) {
                throw new CodeFormatException("AndroidManifest.xml: more than " + MAX_COMPONENTS + " components");
            }
            String target = kind == AppManifest.Kind.ACTIVITY_ALIAS ? string(ATTR_TARGET_ACTIVITY, "targetActivity") : null;
            components.add(new RawComponent(kind, string(ATTR_NAME, "name"), bool(ATTR_EXPORTED, "exported"),
                    bool(ATTR_ENABLED, "enabled"), target));
        }

        /** Android's rule for class names in a manifest: ".Foo" and "Foo" are in the app's package. */
        private String resolve(String className) {
            if (className == null || className.isEmpty()) {
                return null;
            }
            if (className.charAt(0) == '.') {
                return packageName + className;
            }
            return className.indexOf('.') < 0 ? packageName + "." + className : className;
        }

        /** The index of the android: attribute with that resource id, else (for id-less ones) that name; -1. */
        private int attribute(int resourceId, String name) throws XmlParserException {
            int byName = -1;
            for (int i = 0; i < parser.getAttributeCount(); i++) {
                int id = parser.getAttributeNameResourceId(i);
                if (id == resourceId) {
                    return i;
                }
                if (id == 0 && byName < 0 && name.equals(parser.getAttributeName(i))
                        && ANDROID_NS.equals(parser.getAttributeNamespace(i))) {
                    byName = i;
                }
            }
            return byName;
        }

        private String plainString(String name) throws XmlParserException {
            for (int i = 0; i < parser.getAttributeCount(); i++) {
                if (isEmpty(parser.getAttributeNamespace(i)) && name.equals(parser.getAttributeName(i))
                        && parser.getAttributeValueType(i) == AndroidBinXmlParser.VALUE_TYPE_STRING) {
                    return parser.getAttributeStringValue(i);
                }
            }
            return null;
        }

        private String string(int resourceId, String name) throws XmlParserException {
            int i = attribute(resourceId, name);
            return i >= 0 && parser.getAttributeValueType(i) == AndroidBinXmlParser.VALUE_TYPE_STRING
                    ? parser.getAttributeStringValue(i) : null;
        }

        private Long integer(int resourceId, String name) throws XmlParserException {
            int i = attribute(resourceId, name);
            if (i < 0) {
                return null;
            }
            return switch (parser.getAttributeValueType(i)) {
                case AndroidBinXmlParser.VALUE_TYPE_INT -> (long) parser.getAttributeIntValue(i);
                case AndroidBinXmlParser.VALUE_TYPE_STRING -> parseLong(parser.getAttributeStringValue(i));
                default -> null;
            };
        }

        private Integer sdk(int resourceId, String name) throws XmlParserException {
            Long value = integer(resourceId, name);
            return value == null || value != value.intValue() ? null : value.intValue();
        }

        private Boolean bool(int resourceId, String name) throws XmlParserException {
            int i = attribute(resourceId, name);
            if (i < 0) {
                return null;
            }
            return switch (parser.getAttributeValueType(i)) {
                case AndroidBinXmlParser.VALUE_TYPE_BOOLEAN -> parser.getAttributeBooleanValue(i);
                case AndroidBinXmlParser.VALUE_TYPE_STRING -> switch (parser.getAttributeStringValue(i)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> null;
                };
                default -> null;
            };
        }

        private static boolean isEmpty(String namespace) {
            return namespace == null || namespace.isEmpty();
        }

        private static Long parseLong(String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private record RawComponent(AppManifest.Kind kind, String name, Boolean exported, Boolean enabled, String target) {
    }
}
