package org.telltale.apk.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.telltale.apk.ToolRun;
import org.telltale.apk.code.CodeClass;
import org.telltale.apk.code.CodeMethod;

/**
 * The real JAR and AAR of the tests, resolved by Maven from Central into the local repository (the pom
 * names their paths), and what javap says of a JAR's classes.
 */
final class RealJars {
    private RealJars() {
    }

    /** The Sensors Analytics Android SDK 4.3.6, the telemetry SDK of the 2020 case, as the AAR it ships as. */
    static Path sensorsAar() {
        return path("telltale.test.sensorsdata.aar");
    }

    /** jte 3.2.5, a Java 17 JAR whose classes hold lambdas, string concatenation and records. */
    static Path jteJar() {
        return path("telltale.test.jte.jar");
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new AssertionError(property + " does not name a file (run the tests through Maven): " + value);
        }
        return Path.of(value);
    }

    /** javap's classes of the JAR: the class entries {@code jar tf} lists, each read by {@code javap -v -p}. */
    static Map<String, JavapListing.Clazz> javap(Path jar, Path workDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("javap", "-J-Dfile.encoding=UTF-8", "-J-Dstdout.encoding=UTF-8",
                "-v", "-p", "-cp", jar.toString()));
        for (String entry : ToolRun.stdout(workDir, "jar", "tf", jar.toString()).split("\n")) {
            if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")) {
                command.add(entry.substring(0, entry.length() - 6).replace('/', '.'));
            }
        }
        return JavapListing.parse(ToolRun.stdout(workDir, command.toArray(String[]::new)));
    }

    /** Our classes in javap's shape, by name. */
    static Map<String, JavapListing.Clazz> asJavap(List<CodeClass> classes) {
        Map<String, JavapListing.Clazz> out = new LinkedHashMap<>();
        for (CodeClass c : classes) {
            List<JavapListing.Method> methods = new ArrayList<>();
            for (CodeMethod m : c.methods()) {
                methods.add(new JavapListing.Method(m.name(), m.descriptor(), m.access(), m.calls(), m.classRefs(),
                        javapText(m.strings()), m.instructions()));
            }
            out.put(c.name(), new JavapListing.Clazz(c.name(), c.superName(), c.interfaces().size(), c.access(), methods,
                    javapText(c.constants())));
        }
        return out;
    }

    /** Strings as javap prints them: escaped like Java source, control characters as a u-escape, lines right-trimmed. */
    private static List<String> javapText(List<String> strings) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String s : strings) {
            StringBuilder sb = new StringBuilder();
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    case '"' -> sb.append("\\\"");
                    case '\'' -> sb.append("\\'");
                    case '\\' -> sb.append("\\\\");
                    default -> sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            out.add(sb.toString().stripTrailing());
        }
        return new ArrayList<>(out);
    }
}
