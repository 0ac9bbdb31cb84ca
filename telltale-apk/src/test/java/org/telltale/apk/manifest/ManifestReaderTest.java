package org.telltale.apk.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telltale.apk.ToolRun;
import org.telltale.apk.code.CodeFormatException;
import org.telltale.testkit.Oracles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The manifest of real APKs, field by field against androguard's {@code androaxml}, which decodes the same
 * binary XML with its own parser: the whole {@link AppManifest} must equal the one built from its text, so
 * nothing is missing and nothing is extra.
 */
class ManifestReaderTest {
    private static final String ANDROID = "http://schemas.android.com/apk/res/android";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"/apk/settings_apk-debug.apk", "/apk/appium-uiautomator2-server-debug-androidTest.apk",
        "/manifest/HelloActivity.apk", "/manifest/ApiDemos-AndroidManifest.xml"})
    void equalsWhatAndroguardReads(String resource) throws Exception {
        Oracles.need("androaxml");
        byte[] xml = manifestOf(resource);
        Path file = tmp.resolve("AndroidManifest.xml");
        Files.write(file, xml);
        AppManifest expected = fromAndroguard(ToolRun.stdout(tmp, "androaxml", "-i", file.toString()));

        assertThat(ManifestReader.read(xml)).isEqualTo(expected);
    }

    @Test
    void settingsApp() throws Exception {
        AppManifest m = ManifestReader.read(manifestOf("/apk/settings_apk-debug.apk"));
        assertThat(m.packageName()).isEqualTo("io.appium.settings");
        assertThat(m.versionCode()).isEqualTo(192);
        assertThat(m.versionCodeMajor()).isZero();
        assertThat(m.versionName()).isEqualTo("8.0.10");
        assertThat(m.minSdk()).isEqualTo(26);
        assertThat(m.targetSdk()).isEqualTo(35);
        assertThat(m.permissions()).hasSize(27).startsWith("android.permission.DISABLE_KEYGUARD")
                .endsWith("io.appium.settings.DYNAMIC_RECEIVER_NOT_EXPORTED_PERMISSION");
        assertThat(m.applicationClass()).isNull();
        assertThat(m.appComponentFactory()).isEqualTo("androidx.core.app.CoreComponentFactory");
        assertThat(m.components()).contains(
                new AppManifest.Component(AppManifest.Kind.ACTIVITY, "io.appium.settings.Settings", true, null, null),
                new AppManifest.Component(AppManifest.Kind.SERVICE, "io.appium.settings.AppiumIME", true, true, null),
                new AppManifest.Component(AppManifest.Kind.ACTIVITY,
                        "com.google.android.gms.common.api.GoogleApiActivity", false, null, null));
        assertThat(m.entryPoints()).hasSize(1 + m.components().size())
                .startsWith("androidx.core.app.CoreComponentFactory", "io.appium.settings.Settings");
    }

    @Test
    void testApkHasItsInstrumentationAsEntryPoint() throws Exception {
        AppManifest m = ManifestReader.read(manifestOf("/apk/appium-uiautomator2-server-debug-androidTest.apk"));
        assertThat(m.versionCode()).isZero();
        assertThat(m.versionName()).isNull();
        assertThat(m.entryPoints()).containsExactly("androidx.test.runner.AndroidJUnitRunner");
    }

    @Test
    void theIceCreamSandwichSampleNamesItsActivityWithoutPackageAndItsSdkByCodename() throws Exception {
        AppManifest m = ManifestReader.read(manifestOf("/manifest/HelloActivity.apk"));
        assertThat(m.packageName()).isEqualTo("com.example.android.helloactivity");
        assertThat(m.versionCode()).isEqualTo(13);
        assertThat(m.minSdk()).isNull();
        assertThat(m.targetSdk()).isNull();
        assertThat(m.entryPoints()).containsExactly("com.example.android.helloactivity.HelloActivity");
    }

    @Test
    void aliasesBringTheirTargetsAmongTheEntryPoints() throws Exception {
        AppManifest m = ManifestReader.read(manifestOf("/manifest/ApiDemos-AndroidManifest.xml"));
        assertThat(m.applicationClass()).isEqualTo("io.appium.android.apis.ApiDemosApplication");
        assertThat(m.components()).contains(new AppManifest.Component(AppManifest.Kind.ACTIVITY_ALIAS,
                "io.appium.android.apis.app.CreateShortcuts", true, null, "io.appium.android.apis.app.LauncherShortcuts"));
        assertThat(m.entryPoints()).startsWith("io.appium.android.apis.ApiDemosApplication",
                "androidx.core.app.CoreComponentFactory").contains("io.appium.android.apis.app.LauncherShortcuts")
                .doesNotHaveDuplicates();
        assertThat(m.components().stream().filter(c -> c.kind() == AppManifest.Kind.PROVIDER)).isNotEmpty();
    }

    @Test
    void attributesAreFoundByResourceIdWhenTheirNamesAreScrambled() throws Exception {
        byte[] original = manifestOf("/apk/settings_apk-debug.apk");
        byte[] scrambled = original.clone();
        // What obfuscators do to manifests: rename the attribute-name strings; Android reads attributes by resource id.
        for (String name : List.of("name", "exported", "enabled", "versionCode", "versionName", "minSdkVersion",
                "targetSdkVersion", "appComponentFactory")) {
            assertThat(replacePoolString(scrambled, name, "z".repeat(name.length()))).as(name).isEqualTo(1);
        }
        assertThat(ManifestReader.read(scrambled)).isEqualTo(ManifestReader.read(original));
    }

    @Test
    void classNamesWithoutPackageAreResolvedAgainstIt() throws Exception {
        byte[] xml = manifestOf("/apk/settings_apk-debug.apk");
        // Same lengths, so the binary layout holds: a name starting with '.' and one without any dot.
        replacePoolString(xml, "io.appium.settings.Settings", ".Settingsxxxxxxxxxxxxxxxxxx");
        replacePoolString(xml, "io.appium.settings.LocationService", "LocationServiceyyyyyyyyyyyyyyyyyyy");
        AppManifest m = ManifestReader.read(xml);
        assertThat(m.components()).extracting(AppManifest.Component::name).contains(
                "io.appium.settings.Settingsxxxxxxxxxxxxxxxxxx", "io.appium.settings.LocationServiceyyyyyyyyyyyyyyyyyyy")
                .doesNotContain("io.appium.settings.Settings", "io.appium.settings.LocationService");
    }

    /** Overwrites a UTF-16 string pool entry (length, characters, terminator) with another of the same length. */
    private static int replacePoolString(byte[] xml, String from, String to) {
        byte[] needle = poolEntry(from);
        byte[] replacement = poolEntry(to);
        int count = 0;
        for (int i = 0; i + needle.length <= xml.length; i++) {
            if (Arrays.equals(xml, i, i + needle.length, needle, 0, needle.length)) {
                System.arraycopy(replacement, 0, xml, i, replacement.length);
                count++;
            }
        }
        return count;
    }

    private static byte[] poolEntry(String s) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 2 * s.length()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) s.length());
        for (char c : s.toCharArray()) {
            b.putChar(c);
        }
        b.putShort((short) 0);
        return b.array();
    }

    @Test
    void valuesOfEveryTypeAndTheMajorVersion() throws Exception {
        byte[] xml = new BinaryXmlWriter()
                .start("manifest").attr("package", "com.example.app")
                .android("versionCode", 0x0101021b, BinaryXmlWriter.TYPE_INT_DEC, 7)
                .android("versionCodeMajor", 0x01010576, BinaryXmlWriter.TYPE_INT_DEC, 2)
                .android("versionName", 0x0101021c, BinaryXmlWriter.TYPE_REFERENCE, 0x7f0b0001)
                .start("uses-sdk").android("minSdkVersion", 0x0101020c, BinaryXmlWriter.TYPE_STRING, "21")
                .android("targetSdkVersion", 0x01010270, BinaryXmlWriter.TYPE_INT_DEC, 34).end("uses-sdk")
                .start("uses-permission").android("name", 0x01010003, BinaryXmlWriter.TYPE_STRING, "android.permission.INTERNET")
                .end("uses-permission")
                .start("uses-permission-sdk-23").android("name", 0x01010003, BinaryXmlWriter.TYPE_STRING,
                        "android.permission.INTERNET").end("uses-permission-sdk-23")
                .start("application").android("name", 0x01010003, BinaryXmlWriter.TYPE_STRING, "App")
                .start("receiver").android("name", 0x01010003, BinaryXmlWriter.TYPE_STRING, ".Boot")
                .android("exported", 0x01010010, BinaryXmlWriter.TYPE_REFERENCE, 0x7f050000)
                .android("enabled", 0x0101000e, BinaryXmlWriter.TYPE_INT_BOOLEAN, false).end("receiver")
                .start("provider").android("name", 0x01010003, BinaryXmlWriter.TYPE_STRING, "org.lib.Init")
                .android("exported", 0x01010010, BinaryXmlWriter.TYPE_STRING, "false").end("provider")
                .start("meta-data").start("activity").android("name", 0x01010003, BinaryXmlWriter.TYPE_STRING, "Nested")
                .end("activity").end("meta-data")
                .end("application").end("manifest").build();

        assertThat(ManifestReader.read(xml)).isEqualTo(new AppManifest("com.example.app", 2L << 32 | 7, null, 21, 34,
                List.of("android.permission.INTERNET"), "com.example.app.App", null, List.of(
                        new AppManifest.Component(AppManifest.Kind.RECEIVER, "com.example.app.Boot", null, false, null),
                        new AppManifest.Component(AppManifest.Kind.PROVIDER, "org.lib.Init", false, null, null))));
    }

    @Test
    void tooManyPermissionsAreRefused() throws Exception {
        BinaryXmlWriter w = new BinaryXmlWriter().start("manifest").attr("package", "com.example.app");
        for (int i = 0; i <= ManifestReader.MAX_PERMISSIONS; i++) {
            w.start("uses-permission").android("name", 0x01010003, BinaryXmlWriter.TYPE_STRING, "p" + i).end("uses-permission");
        }
        byte[] tooMany = w.end("manifest").build();
        assertThatThrownBy(() -> ManifestReader.read(tooMany)).isInstanceOf(CodeFormatException.class)
                .hasMessage("AndroidManifest.xml: more than 10000 permissions");
        assertThatThrownBy(() -> ManifestReader.read(new BinaryXmlWriter().start("manifest").end("manifest").build()))
                .hasMessage("AndroidManifest.xml: no <manifest package=...>");
    }

    @Test
    void damagedManifestsAreOneLineErrors() throws Exception {
        byte[] xml = manifestOf("/apk/settings_apk-debug.apk");
        for (int cut : new int[] {0, 7, 100, xml.length / 2}) {
            byte[] part = Arrays.copyOf(xml, cut);
            assertThatThrownBy(() -> ManifestReader.read(part)).isInstanceOf(CodeFormatException.class)
                    .hasMessageStartingWith("AndroidManifest.xml: ").hasMessageNotContaining("\n");
        }
        byte[] garbage = new byte[4096];
        new java.util.Random(10).nextBytes(garbage);
        assertThatThrownBy(() -> ManifestReader.read(garbage)).isInstanceOf(CodeFormatException.class);
    }

    static byte[] manifestOf(String resource) throws IOException {
        try (InputStream in = ManifestReaderTest.class.getResourceAsStream(resource)) {
            byte[] bytes = in.readAllBytes();
            if (!resource.endsWith(".apk")) {
                return bytes;
            }
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    if (e.getName().equals("AndroidManifest.xml")) {
                        return zip.readAllBytes();
                    }
                }
            }
            throw new AssertionError("no manifest in " + resource);
        }
    }

    /** The manifest as androguard's text says it, with Android's class-name rule applied here. */
    private static AppManifest fromAndroguard(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Element manifest = doc.getDocumentElement();
        String pkg = manifest.getAttribute("package");
        Set<String> permissions = new LinkedHashSet<>();
        List<AppManifest.Component> components = new ArrayList<>();
        Integer minSdk = null;
        Integer targetSdk = null;
        String app = null;
        String factory = null;
        for (Element child : children(manifest)) {
            switch (child.getTagName()) {
                case "uses-sdk" -> {
                    minSdk = number(attr(child, "minSdkVersion"));
                    targetSdk = number(attr(child, "targetSdkVersion"));
                }
                case "uses-permission", "uses-permission-sdk-23" -> permissions.add(attr(child, "name"));
                case "instrumentation" -> components.add(component(AppManifest.Kind.INSTRUMENTATION, child, pkg));
                case "application" -> {
                    app = className(pkg, attr(child, "name"));
                    factory = className(pkg, attr(child, "appComponentFactory"));
                    for (Element c : children(child)) {
                        for (AppManifest.Kind kind : AppManifest.Kind.values()) {
                            if (kind.element().equals(c.getTagName()) && kind != AppManifest.Kind.INSTRUMENTATION) {
                                components.add(component(kind, c, pkg));
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        String code = attr(manifest, "versionCode");
        String name = attr(manifest, "versionName");
        return new AppManifest(pkg, code == null ? 0 : Long.parseLong(code), name == null || name.startsWith("@") ? null : name,
                minSdk, targetSdk, new ArrayList<>(permissions), app, factory, components);
    }

    private static AppManifest.Component component(AppManifest.Kind kind, Element e, String pkg) {
        return new AppManifest.Component(kind, className(pkg, attr(e, "name")), bool(attr(e, "exported")),
                bool(attr(e, "enabled")), className(pkg, attr(e, "targetActivity")));
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String attr(Element e, String name) {
        return e.hasAttributeNS(ANDROID, name) ? e.getAttributeNS(ANDROID, name) : null;
    }

    private static Boolean bool(String v) {
        return v == null || v.startsWith("@") ? null : Boolean.valueOf(v);
    }

    private static Integer number(String v) {
        return v == null || !v.chars().allMatch(Character::isDigit) ? null : Integer.valueOf(v);
    }

    private static String className(String pkg, String name) {
        if (name == null) {
            return null;
        }
        return name.startsWith(".") ? pkg + name : name.contains(".") ? name : pkg + "." + name;
    }
}
